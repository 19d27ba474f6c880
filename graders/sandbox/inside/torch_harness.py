"""The torch harness: serves one submission in a child of the torch zygote.

Imported by torch_zygote.py before it forks, so every torch function the harness relies on is
captured here before any submission runs: a solution that patches torch or autograd changes its
own results, never how they are read. The harness runs in the solution's process, so a solution
that patches this module can make it say anything; that is why the harness only computes and
converts and the trusted process compares: a lying harness can only claim values the candidate
could have returned anyway (outputs, and gradients a custom autograd.Function could produce).
The rules the harness enforces by itself, forbidden calls and untouched inputs, hold against
ordinary and obfuscated use, not against a solution that takes the harness apart
(docs/security.md).

Per submission: the header carries the code, the entry and what is forbidden. Forbidden names
are replaced by raising stand-ins (and their aten operators get raising CPU kernels) BEFORE the
module is executed, so ``from torch.nn.functional import grid_sample`` binds the stand-in.

Per case: the args arrive as (values, names, upstream gradients or None, gradient inputs); the
reply's value is (outputs, grads or None, mutated input names), all plain arrays.
"""

import builtins
import importlib
import sys
import traceback
import warnings

import numpy as np
import torch
import wire

MAX_INPUT_MESSAGE = 4 << 30

# --- captured before any submission runs ---------------------------------------------------

_TensorBase = torch._C.TensorBase
_PLAIN_TYPES = (torch.Tensor, torch.nn.Parameter)
_detach = _TensorBase.detach
_numpy = _TensorBase.numpy
_resolve_neg = _TensorBase.resolve_neg
_requires_grad_ = _TensorBase.requires_grad_
_get_requires_grad = _TensorBase.__dict__["requires_grad"].__get__
_get_layout = _TensorBase.__dict__["layout"].__get__
_get_device = _TensorBase.__dict__["device"].__get__
_get_dtype = _TensorBase.__dict__["dtype"].__get__
_get_is_nested = _TensorBase.__dict__["is_nested"].__get__
_from_numpy = torch.from_numpy
_engine = torch.autograd.Variable._execution_engine
_run_backward = type(_engine).run_backward
_DisableTorchFunction = torch._C.DisableTorchFunction
_function_modes = torch._C._len_torch_function_stack
_dispatch_modes = torch._C._len_torch_dispatch_stack
_Library = torch.library.Library
_dispatch_dump = torch._C._dispatch_dump
_aten = torch.ops.aten
_strided = torch.strided
_type = type
_isinstance = isinstance
_setattr = setattr
_array = np.array
_array_equal = np.array_equal
_send = wire.send_message
_pack = wire.pack_message
_write_all = wire.write_all
_recv = wire.recv_message
_decode = wire.decode_value
_encode = wire.encode_value
READABLE_DTYPES = {
    torch.float16,
    torch.float32,
    torch.float64,
    torch.uint8,
    torch.int8,
    torch.int16,
    torch.int32,
    torch.int64,
    torch.bool,
}

# id(object) -> [(module name, attribute)] for every object bound under two or more names in
# torch's modules (torch.nn.utils.fuse_conv_bn_weights is torch.nn.utils.fusion's): built
# once in the zygote by build_alias_index, so forbidding a name forbids all of its aliases.
ALIASES = {}
INDEXED_MODULES = set()


def build_alias_index():
    seen = {}
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("torch"):
            continue
        INDEXED_MODULES.add(name)
        try:
            attributes = list(vars(module).items())
        except TypeError:
            continue
        for attribute, value in attributes:
            if callable(value):
                seen.setdefault(id(value), []).append((name, attribute))
    ALIASES.update((key, places) for key, places in seen.items() if len(places) > 1)


# --- forbidden calls ------------------------------------------------------------------------


class ForbiddenCall(BaseException):
    """Raised by a forbidden function's stand-in; a BaseException, so that ``except
    Exception`` in the solution does not hide it (the harness also remembers the call)."""


USED = []  # forbidden names the solution called, in order
# (operator, its dispatch table with the raising kernels installed): a solution that takes the
# stand-ins apart (Library._destroy() on the object gc finds) changes the table
WATCHED = []
TAMPERED = "tampered"  # the reply's message when the raising kernels are gone


class Forbidden:
    """Stands in for a forbidden function; ``.default`` and other overloads of an aten
    operator packet resolve to the stand-in too."""

    def __init__(self, name):
        self._forbidden_name = name

    def __call__(self, *args, **kwargs):
        USED.append(self._forbidden_name)
        raise ForbiddenCall(self._forbidden_name)

    def __getattr__(self, attribute):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return self

    def __repr__(self):
        return f"<forbidden {self._forbidden_name}>"


def _resolve(name):
    """(parent object, attribute, current value) for a dotted name, or None."""
    parts = name.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            parent = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for part in parts[split:-1]:
                parent = getattr(parent, part)
            return parent, parts[-1], getattr(parent, parts[-1])
        except (AttributeError, RuntimeError):
            return None
    return None


def install_forbidden(names, aten_ops):
    """Replace each forbidden name (and its aliases) and give each listed aten operator a
    raising CPU kernel, which catches every path to it, ``torch.ops.aten`` included."""
    # the operator packets first: a name such as torch.ops.aten.grid_sampler in ``names`` is
    # replaced below, and the stand-in's attributes raise
    packets = {op: getattr(_aten, op) for op in aten_ops}
    originals = {}
    for name in names:
        resolved = _resolve(name)
        if resolved is None:
            continue
        parent, attribute, original = resolved
        stand_in = Forbidden(name)
        try:
            _setattr(parent, attribute, stand_in)
        except (AttributeError, TypeError):
            pass  # a read-only slot (torch._C classes): the aten kernel below still catches it
        originals[id(original)] = stand_in
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("torch") and module_name not in INDEXED_MODULES and module:
            for attribute, value in list(getattr(module, "__dict__", {}).items()):
                if id(value) in originals:
                    _setattr(module, attribute, originals[id(value)])
    for key, stand_in in originals.items():
        for module_name, attribute in ALIASES.get(key, ()):
            module = sys.modules.get(module_name)
            if module is not None:
                _setattr(module, attribute, stand_in)
    if not aten_ops:
        return None
    library = _Library("aten", "IMPL")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "overriding a previously registered kernel"
        for op, name in aten_ops.items():
            packet = packets[op]
            for overload in packet.overloads():
                qualified = op if overload == "default" else f"{op}.{overload}"
                library.impl(qualified, Forbidden(name), "CPU")
            _setattr(_aten, op, Forbidden(name))
    # One overload is enough: the kernels come and go together, with the library.
    watched = f"aten::{qualified}"
    WATCHED.append((watched, _dispatch_dump(watched)))
    return library  # kept alive by the caller: dropping it would restore the kernels


# --- values ---------------------------------------------------------------------------------


class Unreadable(Exception):
    """A result the harness will not convert: its message says what it was."""


def to_tensor(value):
    if _isinstance(value, np.ndarray):
        return _from_numpy(_array(value, copy=True))
    if _type(value) in (list, tuple):
        return [to_tensor(item) for item in value]
    return value


def read_tensor(value, what):
    """A plain CPU strided tensor of a numeric dtype as an independent array, read without
    any of the solution's __torch_function__ overrides or patched methods."""
    kind = _type(value)
    if kind not in _PLAIN_TYPES:
        if _isinstance(value, _TensorBase):
            raise Unreadable(f"{what} is a tensor subclass ({kind.__name__}), not a torch.Tensor")
        raise Unreadable(f"{what} is a {kind.__name__}, not a torch.Tensor")
    with _DisableTorchFunction():
        layout, device, dtype = _get_layout(value), _get_device(value), _get_dtype(value)
        if layout is not _strided:
            raise Unreadable(f"{what} is a {str(layout).replace('torch.', '')} tensor")
        if device.type != "cpu":
            raise Unreadable(f"{what} is on device {device.type!r}, not the CPU")
        if _get_is_nested(value):
            raise Unreadable(f"{what} is a nested tensor")
        if dtype not in READABLE_DTYPES:
            raise Unreadable(f"{what} is a {dtype} tensor")
        try:
            return _array(_numpy(_resolve_neg(_detach(value))), copy=True)
        except (RuntimeError, TypeError, ValueError) as error:
            raise Unreadable(f"{what} cannot be read: {error}") from None


def read_output(result):
    outputs = list(result) if _type(result) is tuple else [result]
    label = "output" if _type(result) is not tuple else None
    arrays = [read_tensor(out, label or f"output {i}") for i, out in enumerate(outputs)]
    return outputs, arrays, _type(result) is tuple


def input_gradients(outputs, arrays, upstream, kwargs, grad_inputs):
    """Gradients of sum(out_i * G_i) with respect to the gradient inputs, through the
    captured autograd engine (not .backward(), not the .grad a solution may have set).

    An output whose shape is not G's is left out (autograd would raise): the trusted process
    rejects its shape before it looks at any gradient."""
    roots, seeds = [], []
    for out, array, seed in zip(outputs, arrays, upstream, strict=False):
        if seed is not None and array.shape == seed.shape and _get_requires_grad(out):
            roots.append(out)
            seeds.append(_from_numpy(_array(seed, copy=True)))
    targets = [name for name in grad_inputs if _get_requires_grad(kwargs[name])]
    grads = dict.fromkeys(grad_inputs)
    if roots and targets:
        with _DisableTorchFunction():
            computed = _run_backward(
                _engine,
                tuple(roots),
                tuple(seeds),
                False,  # keep_graph
                False,  # create_graph
                tuple(kwargs[name] for name in targets),
                True,  # allow_unreachable: an input the output does not reach has no grad
                False,  # accumulate_grad: return the grads, leave .grad alone
            )
        for name, grad in zip(targets, computed, strict=True):
            grads[name] = None if grad is None else read_tensor(grad, f"grad of {name}")
    return [grads[name] for name in grad_inputs]


def mutated_inputs(kwargs, pristine):
    """Names of the arguments the call changed in place (compared with the sent copies)."""
    changed = []
    for name, original in pristine.items():
        value = kwargs[name]
        items = value if _type(value) is list else [value]
        originals = original if _type(original) in (list, tuple) else [original]
        for item, reference in zip(items, originals, strict=True):
            if not _isinstance(reference, np.ndarray):
                continue
            try:
                now = read_tensor(item, name)
            except Unreadable:
                changed.append(name)
                break
            same = now.shape == reference.shape and now.dtype == reference.dtype
            nan_equal = reference.dtype.kind == "f"
            if not same or not _array_equal(now, reference, equal_nan=nan_equal):
                changed.append(name)
                break
    return changed


# --- serving --------------------------------------------------------------------------------


def describe_exception(error):
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "solution.py"]
    line = frames[-1].lineno if frames else None
    return {"type": _type(error).__name__, "message": str(error)[:500], "line": line}


def forbidden_reply():
    return {"status": "forbidden", "message": USED[0]}


def stand_ins_removed():
    return any(_dispatch_dump(op) != table for op, table in WATCHED)


def is_allocation_failure(error):
    """torch reports an allocation refused by the address-space limit as a RuntimeError."""
    return _isinstance(error, RuntimeError) and "can't allocate memory" in str(error)


def failure_reply(error):
    """A forbidden call the solution caught and turned into another error is still one."""
    if USED:
        return forbidden_reply()
    if is_allocation_failure(error):
        return {"status": "memory"}
    return {"status": "error", **describe_exception(error)}


def left_modes():
    if _function_modes() or _dispatch_modes():
        return "while a torch function or dispatch mode it entered was still active"
    return ""


def run_case(function, header, blobs):
    values, names, upstream, grad_inputs = _decode(header["args"], blobs)
    pristine = dict(zip(names, values, strict=True))
    kwargs = {name: to_tensor(value) for name, value in pristine.items()}
    if upstream is not None:
        for name in grad_inputs:
            _requires_grad_(kwargs[name], True)
    try:
        result = function(**kwargs)
    except ForbiddenCall:
        return forbidden_reply()
    if USED:
        return forbidden_reply()
    if stand_ins_removed():
        return {"status": "forbidden", "message": TAMPERED}
    problem = left_modes()
    if problem:
        return {"status": "bad_output", "message": problem}
    try:
        outputs, arrays, is_tuple = read_output(result)
        grads = None
        if upstream is not None:
            try:
                grads = input_gradients(outputs, arrays, upstream, kwargs, grad_inputs)
            except ForbiddenCall:
                return forbidden_reply()
            if USED:
                return forbidden_reply()
            if stand_ins_removed():
                return {"status": "forbidden", "message": TAMPERED}
        mutated = mutated_inputs(kwargs, pristine)
    except Unreadable as error:
        return {"status": "bad_output", "message": str(error)}
    del result, outputs, kwargs
    tree, out_blobs = _encode((is_tuple, arrays, grads, mutated))
    return {"status": "ok", "value": tree}, out_blobs


def serve_submission(data_fd):
    """Runs in the sandboxed child (confined already): load the module, then serve cases."""
    send = _send
    header, _ = _recv(data_fd, MAX_INPUT_MESSAGE)
    code, entry = header["code"], header["entry"]
    try:
        compiled = compile(code, "solution.py", "exec")
    except (SyntaxError, ValueError) as error:
        message = "".join(traceback.format_exception_only(_type(error), error))[-2000:]
        send(data_fd, {"status": "compile_error", "message": message})
        return
    library = install_forbidden(header.get("forbidden", []), header.get("forbidden_aten", {}))
    namespace = {"__name__": "solution", "__builtins__": builtins}
    try:
        exec(compiled, namespace)
        function = namespace.get(entry)
        if not callable(function):
            raise NameError(f"solution.py defines no function named {entry!r}")
    except ForbiddenCall:
        send(data_fd, forbidden_reply())
        return
    except MemoryError:
        send(data_fd, {"status": "memory"})
        return
    except BaseException as error:  # the solution's own failure, SystemExit included
        send(data_fd, failure_reply(error))
        return
    if USED:
        send(data_fd, forbidden_reply())
        return
    if stand_ins_removed():
        send(data_fd, {"status": "forbidden", "message": TAMPERED})
        return
    send(data_fd, {"status": "ready"})

    while True:
        try:
            header, blobs = _recv(data_fd, MAX_INPUT_MESSAGE)
        except EOFError:
            del library
            return
        try:
            reply = run_case(function, header, blobs)
            sys.stdout.flush()
            message = _pack(*reply) if _type(reply) is tuple else _pack(reply)
        except ForbiddenCall:
            message = _pack(forbidden_reply())
        except MemoryError:
            message = _pack({"status": "memory"})
        except wire.UnsupportedValue as error:
            message = _pack({"status": "bad_output", "message": str(error)})
        except BaseException as error:
            message = _pack(failure_reply(error))
        del blobs, header
        try:
            sys.stdout.flush()
        except BaseException:
            pass
        _write_all(data_fd, message)
        del message
