"""Hostile ONNX hand-ins: each gets a clear refusal naming its rule, and the ONNX zygote stays
healthy (the same zygote runs the next ordinary model; no process of the sandbox uid survives).

The models are built here with onnx.helper; nothing is downloaded.
"""

from __future__ import annotations

import dataclasses
import os

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from graders.models import LatencyProtocol, ModelContract, ModelRun, Rule, evaluate_model
from graders.models.run import _accuracy
from graders.models.sandbox import default_onnx_sandbox
from tests.graders.conftest import require_sandbox
from tests.graders.models.builders import CLASSES, CONTRACT, conv_net, conv_net_bytes, images, model
from tests.security.conftest import sandbox_processes

INPUTS = images(20)


@pytest.fixture(scope="module", autouse=True)
def _zygote() -> None:
    require_sandbox()
    default_onnx_sandbox().ensure_started()


def evaluate(data: bytes, contract: ModelContract = CONTRACT) -> ModelRun:
    return evaluate_model(model_bytes=data, contract=contract, inputs=INPUTS, latency=None)


def assert_healthy(zygote_pid: int | None) -> None:
    """The zygote that ran the hostile model runs an ordinary one next, and nothing of the
    hostile child is left."""
    sandbox = default_onnx_sandbox()
    sandbox.settle()
    if os.geteuid() == 0:
        assert sandbox_processes(sandbox) == [], "a process of the sandbox uid survived"
    follow_up = evaluate(conv_net_bytes())
    assert follow_up.refusal is None, follow_up.refusal
    assert sandbox.zygote_host_pid == zygote_pid, "the zygote had to be restarted"


def refused(data: bytes, rule: Rule, contract: ModelContract = CONTRACT) -> str:
    zygote_pid = default_onnx_sandbox().zygote_host_pid
    run = evaluate(data, contract)
    assert run.refusal is not None, "the hostile model was accepted"
    assert run.refusal.rule == rule, run.refusal
    assert run.outputs is None and run.latency is None
    assert_healthy(zygote_pid)
    return run.refusal.message


def logits_plus(extra: list[onnx.NodeProto], term: str, inits: list[TensorProto] = ()) -> bytes:  # type: ignore[assignment]
    """The conv net with ``term`` (a scalar or (N, 4) tensor) added to its logits."""
    base = conv_net()
    nodes = list(base.graph.node)
    nodes[-1].output[0] = "clean"
    nodes += [*extra, helper.make_node("Add", ["clean", term], ["logits"])]
    built = model(nodes, [*base.graph.initializer, *inits])
    return built.SerializeToString()


def scalar(name: str, value: float, dtype: int = TensorProto.FLOAT) -> TensorProto:
    return helper.make_tensor(name, dtype, [], [value])


# --- refused before anything runs ------------------------------------------------------------


def test_an_external_data_path_outside_the_file_is_refused_and_never_opened(tmp_path) -> None:
    canary = tmp_path / "weights.bin"
    canary.write_bytes(np.zeros(6 * 27, np.float32).tobytes())
    base = conv_net()
    weight = base.graph.initializer[0]
    weight.ClearField("raw_data")
    weight.ClearField("float_data")
    weight.data_location = TensorProto.EXTERNAL
    for key, value in (("location", "../../../" + str(canary)), ("offset", "0")):
        entry = weight.external_data.add()
        entry.key, entry.value = key, value
    before = os.stat(canary).st_atime_ns
    message = refused(base.SerializeToString(), Rule.EXTERNAL_DATA)
    assert "weights.bin" in message
    assert os.stat(canary).st_atime_ns == before


def test_a_two_gigabyte_initializer_claim_is_refused() -> None:
    claim = TensorProto(name="huge", data_type=TensorProto.FLOAT, dims=[1 << 29])
    claim.raw_data = b"\0" * 16
    data = logits_plus(
        [helper.make_node("ReduceSum", ["huge"], ["total"], keepdims=0)], "total", [claim]
    )
    assert "2,147,483,648 bytes" in refused(data, Rule.INITIALIZER)


def test_a_custom_op_domain_is_refused() -> None:
    base = conv_net()
    nodes = list(base.graph.node)
    nodes[1] = helper.make_node("Relu", ["conv"], ["features"], domain="com.example.evil")
    evil = model(
        nodes,
        list(base.graph.initializer),
        opsets=[helper.make_opsetid("", 17), helper.make_opsetid("com.example.evil", 1)],
    )
    assert "custom-op libraries are never loaded" in refused(evil.SerializeToString(), Rule.DOMAIN)


def test_a_graph_that_statically_expands_to_a_huge_tensor_is_refused() -> None:
    shape = numpy_helper.from_array(np.array([1 << 15, 1 << 15], np.int64), "shape")
    data = logits_plus(
        [
            helper.make_node("ConstantOfShape", ["shape"], ["huge"]),
            helper.make_node("ReduceSum", ["huge"], ["total"], keepdims=0),
        ],
        "total",
        [shape],
    )
    assert "1,073,741,824 elements" in refused(data, Rule.TENSOR_SIZE)


def test_a_wrong_output_dtype_is_refused() -> None:
    base = conv_net()
    nodes = [*base.graph.node, helper.make_node("Cast", ["logits"], ["wide"], to=11)]
    nodes[-2].output[0], nodes[-1].input[0], nodes[-1].output[0] = "narrow", "narrow", "logits"
    wide = model(nodes, list(base.graph.initializer), output_type=TensorProto.DOUBLE)
    assert "float32" in refused(wide.SerializeToString(), Rule.OUTPUTS)


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_a_truncated_file_is_refused(fraction: float) -> None:
    data = conv_net_bytes()
    run = evaluate(data[: int(len(data) * fraction)])
    assert run.refusal is not None and run.refusal.message
    assert run.refusal.rule in (Rule.FORMAT, Rule.INITIALIZER, Rule.GRAPH, Rule.OUTPUTS)


# --- refused while it runs -------------------------------------------------------------------


def data_dependent_count(scale: float, offset: float) -> list[onnx.NodeProto]:
    """``count`` (int64, shape [1]) = floor(max(images) * scale + offset): a value no static
    analysis can know, since it comes from the (hidden) inputs."""
    return [
        helper.make_node("ReduceMax", ["images"], ["peak"], keepdims=0),
        helper.make_node("Constant", [], ["scale"], value=scalar("s", scale)),
        helper.make_node("Constant", [], ["offset"], value=scalar("o", offset)),
        helper.make_node("Mul", ["peak", "scale"], ["scaled"]),
        helper.make_node("Add", ["scaled", "offset"], ["shifted"]),
        helper.make_node("Cast", ["shifted"], ["count_scalar"], to=TensorProto.INT64),
        helper.make_node(
            "Constant", [], ["one_axis"], value=helper.make_tensor("a", TensorProto.INT64, [1], [0])
        ),
        helper.make_node("Unsqueeze", ["count_scalar", "one_axis"], ["count"]),
    ]


def test_a_graph_that_expands_to_a_huge_tensor_at_run_time_hits_the_memory_limit() -> None:
    # 2^30 floats (4 GiB) whatever the image: max(images) is in [0.9, 1)
    data = logits_plus(
        [
            *data_dependent_count(0.0, float(1 << 30)),
            helper.make_node("ConstantOfShape", ["count"], ["huge"]),
            helper.make_node("ReduceSum", ["huge"], ["total"], keepdims=0),
        ],
        "total",
    )
    assert "MiB of memory" in refused(data, Rule.MEMORY)


def never_ending_loop() -> bytes:
    """A Loop of 2^63 - 1 trips whose result is added (times 0) to the logits."""
    body = helper.make_graph(
        [
            helper.make_node("Identity", ["cond_in"], ["cond_out"]),
            helper.make_node("Constant", [], ["step"], value=scalar("one", 1.0)),
            helper.make_node("Add", ["carried_in", "step"], ["carried_out"]),
        ],
        "forever",
        [
            helper.make_tensor_value_info("iteration", TensorProto.INT64, []),
            helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
            helper.make_tensor_value_info("carried_in", TensorProto.FLOAT, []),
        ],
        [
            helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
            helper.make_tensor_value_info("carried_out", TensorProto.FLOAT, []),
        ],
    )
    return logits_plus(
        [
            helper.make_node(
                "Constant", [], ["trips"], value=scalar("m", 2**63 - 1, TensorProto.INT64)
            ),
            helper.make_node(
                "Constant", [], ["go"], value=helper.make_tensor("c", TensorProto.BOOL, [], [True])
            ),
            helper.make_node("ReduceMax", ["images"], ["start"], keepdims=0),
            helper.make_node("Loop", ["trips", "go", "start"], ["final"], body=body),
            helper.make_node("Constant", [], ["zero"], value=scalar("z", 0.0)),
            helper.make_node("Mul", ["final", "zero"], ["nothing"]),
        ],
        "nothing",
    )


def test_a_loop_that_never_ends_hits_the_time_limit() -> None:
    data = never_ending_loop()
    # 0.8 s of CPU per chunk of 16 images (and 0.5 s to load): the first chunk is stopped
    quick = dataclasses.replace(CONTRACT, load_seconds=0.5)
    assert "CPU time limit" in refused(data, Rule.TIME, quick)


def test_an_output_of_the_wrong_shape_at_run_time_is_refused() -> None:
    # Tile the logits by a count computed from the image (2): (1, 8) where (1, 4) is declared
    data = conv_net()
    nodes = list(data.graph.node)
    nodes[-1].output[0] = "clean"
    nodes += [
        *data_dependent_count(1.0, 2.0),
        helper.make_node(
            "Constant", [], ["unit"], value=helper.make_tensor("u", TensorProto.INT64, [1], [1])
        ),
        helper.make_node("Concat", ["unit", "count"], ["repeats"], axis=0),
        helper.make_node("Tile", ["clean", "repeats"], ["logits"]),
    ]
    tiled = model(nodes, list(data.graph.initializer))
    message = refused(tiled.SerializeToString(), Rule.OUTPUT_VALUES)
    assert f"(1, {CLASSES})" in message and "(1, 8)" not in message


def test_nan_outputs_are_refused() -> None:
    data = logits_plus(
        [],
        "poison",
        [numpy_helper.from_array(np.array([0.0, np.nan, 0.0, 0.0], np.float32), "poison")],
    )
    assert "NaN" in refused(data, Rule.OUTPUT_VALUES)


def test_an_operator_error_on_hidden_data_never_quotes_onnxruntime_s_message() -> None:
    # Gather at an index computed from the pixels (523 or so): ORT's message would quote it
    table = numpy_helper.from_array(np.zeros(CLASSES, np.float32), "table")
    data = logits_plus(
        [
            *data_dependent_count(100.0, 423.0),
            helper.make_node("Gather", ["table", "count"], ["picked"]),
        ],
        "picked",
        [table],
    )
    message = refused(data, Rule.RUNTIME)
    assert "not shown" in message
    assert not any(str(value) in message for value in range(500, 524))


# --- defence in depth: what the static checks refuse, the sandbox cannot do either -------------


def test_inside_the_sandbox_external_data_cannot_be_read_either(tmp_path) -> None:
    """Past the static check (called directly), onnxruntime is handed bytes, not a path, in a
    mount namespace without the project: the session is refused."""
    base = conv_net()
    weight = base.graph.initializer[0]
    weight.ClearField("raw_data")
    weight.data_location = TensorProto.EXTERNAL
    entry = weight.external_data.add()
    entry.key, entry.value = "location", "/etc/hostname"
    from graders.models.refusal import ModelRefused

    with pytest.raises(ModelRefused) as caught:
        _accuracy(default_onnx_sandbox(), base.SerializeToString(), CONTRACT, INPUTS)
    assert caught.value.rule == Rule.LOAD


def test_inside_the_sandbox_a_custom_op_cannot_be_loaded_either() -> None:
    base = conv_net()
    nodes = list(base.graph.node)
    nodes[1] = helper.make_node("Relu", ["conv"], ["features"], domain="com.example.evil")
    evil = model(
        nodes,
        list(base.graph.initializer),
        opsets=[helper.make_opsetid("", 17), helper.make_opsetid("com.example.evil", 1)],
    )
    from graders.models.refusal import ModelRefused

    with pytest.raises(ModelRefused) as caught:
        _accuracy(default_onnx_sandbox(), evil.SerializeToString(), CONTRACT, INPUTS)
    assert caught.value.rule == Rule.LOAD


def test_a_model_too_big_to_load_under_the_memory_limit_is_a_memory_refusal() -> None:
    # 40 MB of weights under a 96 MiB limit: the model's bytes alone fit, the session does not
    weight = numpy_helper.from_array(np.full((3 * 8 * 8, 52_000), 1e-3, np.float32), "w")
    head = numpy_helper.from_array(np.ones((52_000, CLASSES), np.float32), "head")
    big = model(
        [
            helper.make_node("Flatten", ["images"], ["flat"]),
            helper.make_node("MatMul", ["flat", "w"], ["hidden"]),
            helper.make_node("MatMul", ["hidden", "head"], ["logits"]),
        ],
        [weight, head],
    )
    tight = dataclasses.replace(CONTRACT, memory_limit_mb=96)
    assert "96 MiB" in refused(big.SerializeToString(), Rule.MEMORY, tight)


def test_a_model_that_answers_differently_when_timed_is_refused() -> None:
    # RandomUniformLike: each run draws new noise, so the timed run cannot equal the accuracy run
    data = logits_plus(
        [helper.make_node("RandomUniformLike", ["clean"], ["noise"], low=0.0, high=1.0)], "noise"
    )
    zygote_pid = default_onnx_sandbox().zygote_host_pid
    run = evaluate_model(
        model_bytes=data,
        contract=CONTRACT,
        inputs=INPUTS,
        latency=LatencyProtocol(warmups=0, loops=1, repeats=1),
    )
    assert run.refusal is not None and run.refusal.rule == Rule.DETERMINISM, run.refusal
    assert run.outputs is None and run.latency is None
    assert_healthy(zygote_pid)


def test_a_run_whose_process_dies_is_a_runtime_refusal_and_the_zygote_survives() -> None:
    """A crash of onnxruntime, as a SIGKILL from outside while the never-ending Loop runs."""
    import signal
    import threading
    import time

    if os.geteuid() != 0:
        pytest.skip("finding the child by its uid needs root")
    sandbox = default_onnx_sandbox()
    zygote_pid = sandbox.zygote_host_pid
    killed: list[int] = []

    def kill_the_child() -> None:
        deadline = time.monotonic() + 10
        while not killed and time.monotonic() < deadline:
            for pid in sandbox_processes(sandbox):
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_child)
    killer.start()
    run = evaluate(never_ending_loop(), dataclasses.replace(CONTRACT, load_seconds=5.0))
    killer.join()
    assert killed, "no child was seen"
    assert run.refusal is not None and run.refusal.rule == Rule.RUNTIME, run.refusal
    assert "SIGKILL" in run.refusal.message and "solution" not in run.refusal.message
    assert_healthy(zygote_pid)
