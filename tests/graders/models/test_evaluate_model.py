"""evaluate_model through the real ONNX sandbox: outputs, latency, the reference in the same run."""

from __future__ import annotations

import numpy as np
import onnxruntime
import pytest

from graders.models import LatencyProtocol, Rule, evaluate_model
from tests.graders.conftest import require_sandbox
from tests.graders.models.builders import CONTRACT, conv_net_bytes, images


@pytest.fixture(autouse=True)
def _sandbox() -> None:
    require_sandbox()


def test_outputs_equal_an_independent_onnxruntime_run() -> None:
    inputs = images(40)
    run = evaluate_model(
        model_bytes=conv_net_bytes(), contract=CONTRACT, inputs=inputs, latency=None
    )
    assert run.refusal is None, run.refusal
    assert run.card is not None and run.card.params > 0
    assert run.outputs is not None and run.outputs.shape == (40, 4)
    session = onnxruntime.InferenceSession(conv_net_bytes(), providers=["CPUExecutionProvider"])
    (expected,) = session.run(None, {"images": inputs})
    np.testing.assert_allclose(run.outputs, expected, rtol=1e-5, atol=1e-6)
    assert run.latency is None and run.reference_latency is None


def test_latency_follows_single_stream_and_times_the_reference_in_the_same_run() -> None:
    protocol = LatencyProtocol(warmups=3, queries=64, loops=5, seed=7, repeats=8)
    run = evaluate_model(
        model_bytes=conv_net_bytes(channels=32),
        contract=CONTRACT,
        inputs=images(80),
        latency=protocol,
        reference_model_bytes=conv_net_bytes(seed=1, channels=4),
    )
    assert run.refusal is None, run.refusal
    report, reference = run.latency, run.reference_latency
    assert report is not None and reference is not None
    assert report.timed_queries == 5 * 64 and report.distinct_inputs == 64
    assert len(report.loop_cpu_p50_ms) == 5
    assert report.p50_ms == report.cpu_p50_ms == float(np.median(report.loop_cpu_p50_ms))
    assert 0 < report.cpu_p50_ms <= report.cpu_p90_ms
    assert 0 < report.wall_p50_ms <= report.wall_p90_ms
    assert report.outputs_equal and report.cache_check_passed
    assert reference.outputs_equal and reference.timed_queries == 5 * 64
    assert report.machine.threads == 1 and report.machine.onnxruntime == onnxruntime.__version__
    assert report.to_json()["protocol"]["seed"] == 7
    pairs = [a / b for a, b in zip(report.loop_cpu_p90_ms, reference.loop_cpu_p90_ms, strict=True)]
    assert run.p90_ratio == pytest.approx(float(np.median(pairs)))


def test_fewer_inputs_than_queries_are_cycled_and_say_so() -> None:
    run = evaluate_model(
        model_bytes=conv_net_bytes(),
        contract=CONTRACT,
        inputs=images(10),
        latency=LatencyProtocol(warmups=0, loops=1, repeats=4),
    )
    assert run.latency is not None
    assert run.latency.distinct_inputs == 10 and run.latency.timed_queries == 64


def test_a_static_refusal_never_reaches_the_sandbox() -> None:
    run = evaluate_model(
        model_bytes=b"\x08\x07garbage", contract=CONTRACT, inputs=images(2), latency=None
    )
    assert run.refusal is not None and run.refusal.rule == Rule.FORMAT
    assert run.card is None and run.outputs is None
