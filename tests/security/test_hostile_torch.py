"""Hostile torch submissions, through the torch zygote: each gets the verdict it must get, the
next correct submission is accepted, nothing leaks to the candidate, and nothing is left running.

Every snippet defines torch_probe(x), whose answer is 2 * x with x's gradient checked. Many of
them return the right answer only if the attack worked, so an attack that succeeds shows up as
an accepted verdict where a wrong answer or an error is expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graders import Mode

RE, WA, MLE, FORBIDDEN, OK = (
    "runtime_error",
    "wrong_answer",
    "memory_limit_exceeded",
    "forbidden",
    "accepted",
)
HEAD = "import gc, io, os, pickle, sys\nimport numpy as np\nimport torch\n"


# Every array or tensor a solution can reach: the collector's containers and the frames that
# called it (the harness's locals: the inputs, the upstream gradient, the message received).
SCAN = HEAD + (
    "def reachable_arrays(x):\n"
    "    seen = []\n"
    "    for thing in gc.get_objects():\n"
    "        if isinstance(thing, dict):\n"
    "            seen.extend(thing.values())\n"
    "        elif isinstance(thing, (list, tuple)):\n"
    "            seen.extend(thing)\n"
    "    frame = sys._getframe(2)  # the harness, not the probe\n"
    "    while frame is not None:\n"
    "        seen.extend(frame.f_locals.values())\n"
    "        frame = frame.f_back\n"
    "    arrays = []\n"
    "    for thing in seen:\n"
    "        try:\n"
    "            if isinstance(thing, torch.Tensor) and thing is not x:\n"
    "                arrays.append(np.array(thing.detach()))\n"
    "            elif isinstance(thing, np.ndarray):\n"
    "                arrays.append(np.array(thing))\n"
    "        except Exception:\n"
    "            pass\n"
    "    print(len(arrays), 'arrays reachable')\n"
    "    return arrays\n"
)


def escape(body: str) -> str:
    """A probe that answers correctly only if ``body`` runs to its end (an escape), and
    otherwise prints why it was stopped and answers wrongly."""
    indented = "\n".join("        " + line for line in body.strip().splitlines())
    return (
        HEAD + "def torch_probe(x):\n"
        "    try:\n"
        f"{indented}\n"
        "    except BaseException as error:\n"
        "        print('refused:', type(error).__name__, error)\n"
        "        return x * 3\n"
        "    return x * 2\n"
    )


def returning(expression: str, setup: str = "") -> str:
    return HEAD + setup + f"def torch_probe(x):\n    return {expression}\n"


# (name, code, verdicts it may get)
CASES: list[tuple[str, str, set[str]]] = [
    # threads and processes
    ("set_num_threads_64", returning("x * 2", "torch.set_num_threads(64)\n"), {RE}),
    (
        "openmp_pool_of_64_through_ctypes",
        escape(
            "import ctypes\nctypes.CDLL('libgomp.so.1').omp_set_num_threads(64)\n"
            "a = torch.randn(512, 512)\n(a @ a).sum()"
        ),
        {RE, WA},  # OpenMP exits when it cannot start its threads
    ),
    (
        "python_thread_bomb_running_torch",
        escape(
            # Each thread stays alive (parked on an event after its matmul), so the thread
            # count only grows: finished threads would let the bomb slip under the limit.
            "import threading\n"
            "gate = threading.Event()\n"
            "def work():\n"
            "    torch.randn(64, 64).matmul(torch.eye(64))\n"
            "    gate.wait()\n"
            "for _ in range(1000):\n"
            "    threading.Thread(target=work, daemon=True).start()"
        ),
        {WA},
    ),
    (
        "jit_fork_hundred_tasks",
        HEAD + "def torch_probe(x):\n"
        "    tasks = [torch.jit.fork(torch.mm, torch.ones(8, 8), torch.ones(8, 8))"
        " for _ in range(100)]\n"
        "    [torch.jit.wait(task) for task in tasks]\n"
        "    return x * 2\n",
        {OK},
    ),
    (
        "torch_multiprocessing_pool",
        escape(
            "import torch.multiprocessing as mp\nwith mp.Pool(2) as pool:\n    pool.map(abs, [1])"
        ),
        {WA},
    ),
    (
        "torch_multiprocessing_spawn",
        escape("import torch.multiprocessing as mp\nmp.spawn(print, nprocs=2)"),
        {WA},
    ),
    (
        "cpp_extension_load_runs_a_compiler",
        escape(
            "open('ext.cpp', 'w').write('int f() { return 1; }')\n"
            "from torch.utils.cpp_extension import load\nload('ext', ['ext.cpp'])"
        ),
        {WA},
    ),
    (
        "cpp_extension_load_inline",
        escape(
            "from torch.utils.cpp_extension import load_inline\n"
            "load_inline('ext', 'int f() { return 1; }', functions=['f'])"
        ),
        {WA},
    ),
    ("torch_compile", escape("torch.compile(lambda t: t * 2)(x)"), {WA}),
    # memory
    ("empty_of_four_terabytes", returning("torch.empty(1 << 40)"), {MLE}),
    ("ones_of_four_gigabytes", returning("torch.ones(1 << 30) + x.sum()"), {MLE}),
    (
        "growing_list_of_tensors",
        HEAD + "def torch_probe(x):\n    hog = []\n    while True:\n"
        "        hog.append(torch.ones(1 << 22))\n",
        {MLE},
    ),
    (
        "hundred_mebibytes_within_the_limit",
        returning("x * 2 + torch.ones(100 << 20, dtype=torch.uint8)[0] * 0"),
        {OK},
    ),
    # pickles: torch.load inside the sandbox, and results that would run code if unpickled
    (
        "torch_load_of_a_crafted_pickle",
        escape(
            "class Payload:\n"
            "    def __reduce__(self):\n"
            "        return (open, ('/work/main/problems/nms/reference.py',))\n"
            "with open('model.pt', 'wb') as f:\n"
            "    pickle.dump({'state': Payload()}, f)\n"
            "print(torch.load('model.pt', weights_only=False)['state'].read())"
        ),
        {WA},
    ),
    (
        "torch_load_weights_only_of_a_crafted_pickle",
        escape(
            "class Payload:\n"
            "    def __reduce__(self):\n"
            "        return (eval, ('1',))\n"
            "buffer = io.BytesIO(pickle.dumps(Payload()))\n"
            "assert torch.load(buffer) == 1"
        ),
        {WA},
    ),
    # results that are not plain CPU float32 tensors
    (
        "tensor_subclass",
        returning("(x * 2).as_subclass(Sub)", "class Sub(torch.Tensor):\n    pass\n"),
        {WA},
    ),
    (
        "subclass_whose_torch_function_lies",
        returning(
            "torch.zeros(len(x)).as_subclass(Liar)",
            "class Liar(torch.Tensor):\n"
            "    @classmethod\n"
            "    def __torch_function__(cls, func, types, args=(), kwargs=None):\n"
            "        return torch.tensor([2.0, 4.0, 6.0])\n",
        ),
        {WA},
    ),
    (
        "plain_tensor_with_lying_methods",
        returning(
            "torch.zeros_like(x)",
            "fake = lambda self, *a, **k: torch.tensor([2.0, 4.0, 6.0])\n"
            "for name in ('numpy', 'detach', '__array__', 'cpu', 'resolve_neg', 'clone',"
            " 'contiguous', 'float', 'tolist', '__eq__'):\n"
            "    setattr(torch.Tensor, name, fake)\n"
            "torch.Tensor.__torch_function__ = classmethod("
            "lambda cls, f, t, a=(), k=None: torch.tensor([2.0, 4.0, 6.0]))\n",
        ),
        {WA},
    ),
    ("sparse", returning("(x * 2).to_sparse()"), {WA}),
    ("meta", returning("torch.empty(x.shape, device='meta')"), {WA}),
    ("complex", returning("(x * 2).to(torch.complex64)"), {WA}),
    ("bfloat16", returning("(x * 2).bfloat16()"), {WA}),
    ("float64", returning("(x * 2).double()"), {WA}),
    ("nested", returning("torch.nested.nested_tensor([x * 2])"), {WA}),
    (
        "quantized",
        returning("torch.quantize_per_tensor(x.detach() * 2, 0.5, 0, torch.qint32)"),
        {WA},
    ),
    ("numpy_array_instead", returning("x.detach().numpy() * 2"), {WA}),
    ("non_contiguous_view", returning("torch.stack([x * 2, x], 1)[:, 0]"), {OK}),
    ("expanded_row", returning("(x * 2).unsqueeze(0).expand(5, -1)[3]"), {OK}),
    ("negative_view", returning("torch._neg_view(-(x * 2))"), {OK}),
    ("still_requiring_grad_but_detached", returning("(x * 2).detach().requires_grad_()"), {WA}),
    (
        "function_mode_left_active",
        returning(
            "x * 2",
            "from torch.overrides import TorchFunctionMode\n"
            "class Mode(TorchFunctionMode):\n"
            "    def __torch_function__(self, func, types, args=(), kwargs=None):\n"
            "        return func(*args, **(kwargs or {}))\n"
            "Mode().__enter__()\n",
        ),
        {WA, RE},
    ),
    ("input_modified_in_place", returning("x.detach().mul_(2)"), {WA}),
    # faking gradients
    (
        "patched_autograd_and_a_hand_set_grad",
        HEAD + "two = lambda *a, **k: (torch.full((3,), 2.0),)\n"
        "torch.autograd.backward = torch.autograd.grad = torch.Tensor.backward = two\n"
        "for engine in (torch.autograd.Variable._execution_engine, torch._C._ImperativeEngine):\n"
        "    try:\n"
        "        engine.run_backward = two\n"
        "    except (AttributeError, TypeError):\n"
        "        pass\n"
        "def torch_probe(x):\n"
        "    x.grad = torch.full_like(x, 2.0)\n"
        "    return torch.from_numpy(x.detach().numpy() * 2)\n",
        {WA},
    ),
    (
        "hook_that_rewrites_the_gradient",
        HEAD + "def torch_probe(x):\n    out = x * 2\n"
        "    out.register_hook(lambda grad: torch.ones_like(grad))\n    return out\n",
        {WA},
    ),
    (
        "patched_harness_claims_gradients",
        returning(
            "torch.from_numpy(x.detach().numpy() * 2)",
            "harness = sys.modules['torch_harness']\n"
            "harness.input_gradients = lambda outputs, arrays, upstream, kwargs, names: "
            "[np.full(kwargs['x'].shape, 2.0, np.float32)]\n",
        ),
        {WA},
    ),
    (
        "patched_harness_reads_every_tensor_as_the_answer",
        returning(
            "torch.zeros_like(x)",
            "harness = sys.modules['torch_harness']\n"
            "harness.read_tensor = lambda value, what: np.array([2, 4, 6], np.float32)\n"
            "harness.mutated_inputs = lambda kwargs, pristine: []\n",
        ),
        {WA},
    ),
    (
        "forbidden_kernels_destroyed_through_gc",
        returning(
            "torch._C._VariableFunctions.lerp(x, 3 * x, 0.5)",
            "for thing in gc.get_objects():\n"
            "    if type(thing).__name__ == 'Library':\n"
            "        thing._destroy()\n",
        ),
        {FORBIDDEN},
    ),
    (
        "forbidden_kernels_destroyed_during_the_call",
        HEAD + "def torch_probe(x):\n"
        "    [t._destroy() for t in gc.get_objects() if type(t).__name__ == 'Library']\n"
        "    return torch._C._VariableFunctions.lerp(x, 3 * x, 0.5)\n",
        {FORBIDDEN},
    ),
    (
        "forbidden_call_caught_and_forgotten",
        HEAD + "def torch_probe(x):\n    try:\n        getattr(torch, 'le' + 'rp')(x, x, 1.0)\n"
        "    except BaseException:\n        sys.modules['torch_harness'].USED.clear()\n"
        "    return x * 2\n",
        {FORBIDDEN, OK},  # clearing the harness's own record is taking it apart; see the docs
    ),
    # reading what it should not: the expected output is never in the sandbox
    (
        "expected_output_through_gc_and_frames",
        SCAN + "def torch_probe(x):\n"
        "    want = (x.detach() * 2).numpy()\n"
        "    for array in reachable_arrays(x):\n"
        "        if array.shape == want.shape and np.array_equal(array, want):\n"
        "            return x * 2\n"
        "    return x * 3\n",
        {WA},
    ),
    (
        "hidden_input_through_gc_in_the_sample",
        SCAN + "def torch_probe(x):\n"
        "    for array in reachable_arrays(x):\n"
        "        if array.size and 424242 in array:\n"
        "            return x * 2\n"
        "    return x * 3\n",
        {WA},
    ),
    # the sandbox itself, from the torch zygote's children
    (
        "read_the_project",
        escape("print(open('/work/main/problems/nms/reference.py').read())"),
        {WA},
    ),
    ("write_dev_shm", escape("open('/dev/shm/left-behind', 'w').write('x')"), {WA}),
    ("read_zygote_memory", escape("print(open(f'/proc/{os.getppid()}/mem', 'rb').read(64))"), {WA}),
    ("kill_everything", returning("x * 2", "os.kill(-1, 9)\n"), {OK}),
    ("segfault_via_ctypes", escape("import ctypes\nctypes.string_at(0)"), {RE}),
    (
        "global_torch_state_poisoned",
        returning(
            "x * 2",
            "torch.set_default_dtype(torch.float64)\n"
            "torch.set_grad_enabled(False)\n"
            "torch.manual_seed(1)\n"
            "library = torch.library.Library('aten', 'IMPL')\n"
            "library.impl('mul.Tensor', lambda a, b: torch.zeros(a.shape), 'CPU')\n"
            "library.impl('mul.Scalar', lambda a, b: torch.zeros(a.shape), 'CPU')\n",
        ),
        {WA, RE},
    ),
]


@pytest.mark.parametrize(
    ("code", "verdicts"), [(c, v) for _, c, v in CASES], ids=[n for n, _, _ in CASES]
)
def test_hostile_torch_submission(torch_hostile, code, verdicts):
    result = torch_hostile.grade(code)
    assert result.verdict in verdicts, result.to_dict()


def test_set_num_threads_is_refused_with_a_reason(torch_hostile):
    result = torch_hostile.grade(returning("x * 2", "torch.set_num_threads(64)\n"), Mode.RUN)
    assert "set_num_threads(64): solutions run on one thread" in result.cases[0].message


def test_a_refused_allocation_is_the_memory_verdict_with_the_limit(torch_hostile):
    result = torch_hostile.grade(returning("torch.empty(1 << 40)"), Mode.RUN)
    assert result.cases[0].message == "the limit is 256 MiB"


def test_results_say_what_they_are_on_a_sample(torch_hostile):
    messages = {
        "tensor_subclass": "returned output is a tensor subclass (Sub), not a torch.Tensor",
        "sparse": "returned output is a sparse_coo tensor",
        "meta": "returned output is on device 'meta', not the CPU",
        "complex": "returned output is a torch.complex64 tensor",
        "bfloat16": "returned output is a torch.bfloat16 tensor",
        "float64": "output: dtype float64, expected float32",
    }
    codes = {name: code for name, code, _ in CASES}
    for name, message in messages.items():
        result = torch_hostile.grade(codes[name], Mode.RUN)
        assert result.cases[0].message == message, name


def test_hidden_cases_do_not_report_how_many_tensors_came_back(torch_hostile):
    # The count is the solution's to choose: x[0] % 1000 tensors would spell a hidden input.
    result = torch_hostile.grade(
        returning("tuple(torch.zeros(()) for _ in range(int(x[0]) % 1000 + 1))")
    )
    hidden = [case for case in result.cases if not case.sample]
    assert (
        hidden and hidden[0].message == "returned the wrong number of tensors, expected one tensor"
    )
    assert "243" not in str(result.to_dict())  # 424242 % 1000 + 1


def test_hidden_cases_do_not_report_the_dtype_returned(torch_hostile):
    result = torch_hostile.grade(
        returning("(x * 2).to([torch.float64, torch.float16][int(x[0]) % 2])")
    )
    hidden = [case for case in result.cases if not case.sample]
    assert hidden and hidden[0].message == "output: wrong dtype, expected float32"


def test_taking_the_forbidden_kernels_apart_is_named(torch_hostile):
    code = next(code for name, code, _ in CASES if name == "forbidden_kernels_destroyed_through_gc")
    result = torch_hostile.grade(code, Mode.RUN)
    assert result.cases[0].message == (
        "removed the stand-ins of the functions this problem forbids (torch.lerp)"
    )


def test_a_result_that_would_run_code_when_unpickled_never_is(torch_hostile, tmp_path):
    # If anything on the trusted side pickled and unpickled the result, the marker would appear.
    marker = Path(tmp_path) / "unpickled"
    code = returning(
        "(x * 2).as_subclass(Trap)",
        "class Trap(torch.Tensor):\n"
        "    def __reduce_ex__(self, protocol):\n"
        f"        return (open, ({str(marker)!r}, 'w'))\n",
    )
    result = torch_hostile.grade(code)
    assert result.verdict == WA
    assert not marker.exists()


def test_nothing_of_a_poisoned_submission_reaches_the_next_case_of_another(torch_hostile):
    """A submission that leaves tensors, kernels and files behind; the next one finds none."""
    torch_hostile.grade(
        returning(
            "x * 2",
            "import builtins\nbuiltins.LEFT = torch.full((3,), 424.0)\n"
            "open('left-behind', 'w').write('SECRET-SCRATCH-t0rch')\n",
        )
    )
    second = torch_hostile.grade(
        escape(
            "import builtins, glob\n"
            "assert hasattr(builtins, 'LEFT') or glob.glob('/scratch/*/left-behind')"
        )
    )
    assert second.verdict == WA
    assert "SECRET-SCRATCH-t0rch" not in str(second.to_dict())
