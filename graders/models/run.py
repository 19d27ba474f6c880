"""evaluate_model: static checks, then the hand-in run in the ONNX sandbox, then its latency.

The trusted process holds the hidden inputs and never the candidate's code path: the model's
bytes go to a child of the ONNX zygote (graders/sandbox/inside/onnx_harness.py), the inputs
follow as raw .npy, and the logits come back the same way. Labels never leave the caller.

Two sandbox sessions per hand-in, so each gets a time limit that fits it:
1. the accuracy run: the inputs in chunks of CHUNK images, each image a batch of one, each
   chunk a case limited to ``query_seconds`` per image (a loop that never ends is stopped by
   the first chunk); outputs are checked here for shape, dtype and finiteness;
   each case's result may be no larger than the contract's outputs for its images (plus the
   wire's framing): a model that returns more is stopped while it sends, not after;
2. the latency run, only for a model that passed: the candidate and the reference (when given)
   in the same child, interleaved loop by loop (graders.models.latency).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from graders.models.card import ModelCard
from graders.models.contract import MAX_RUN_OUTPUT_BYTES, ModelContract
from graders.models.latency import (
    LatencyProtocol,
    LatencyReport,
    check_candidate,
    machine,
    paired_p90_ratio,
    plan,
    summarise,
    timed_outputs_match,
)
from graders.models.refusal import ModelRefused, Refusal, Rule
from graders.models.sandbox import default_onnx_sandbox
from graders.models.static import inspect_model
from graders.sandbox.inside import wire
from graders.sandbox.limits import Limits
from graders.sandbox.runner import RawOutcome, Sandbox

Array = np.ndarray[Any, Any]
CHUNK = 16  # images per accuracy case
# The framing of a result (JSON header, .npy headers, timings): far more than it needs.
RESULT_SLACK_BYTES = 64 << 10
REFERENCE_FAILED = "the reference model: "  # onnx_harness.REFERENCE_FAILED
RESULT_TOO_LARGE = "the returned value is too large"  # the runner's words for it


@dataclass(frozen=True, eq=False)
class ModelRun:
    """What running a hand-in found. ``refusal`` set means not scored: ``outputs`` and the
    latencies are then None. ``outputs`` are the logits (N, K) float32 of the accuracy run."""

    refusal: Refusal | None
    card: ModelCard | None = None
    outputs: Array | None = None
    latency: LatencyReport | None = None
    reference_latency: LatencyReport | None = None
    peak_memory_kb: int = 0  # the child's peak resident set (shares the zygote's pages)

    @property
    def ok(self) -> bool:
        return self.refusal is None

    @property
    def p90_ratio(self) -> float | None:
        """The hand-in's p90 over the reference's, paired loop by loop (the budget's figure:
        steadier than the ratio of the two medians, bench/models.py)."""
        if self.latency is None or self.reference_latency is None:
            return None
        return paired_p90_ratio(self.latency, self.reference_latency)


class _Stop(Exception):
    """Raised from the outcome callback to end a session at its first failure."""

    def __init__(self, outcome: RawOutcome) -> None:
        super().__init__(outcome.status)
        self.outcome = outcome


def _failure(outcome: RawOutcome, contract: ModelContract, what: str) -> ModelRefused:
    """A failed case as a refusal. Nothing here quotes onnxruntime's error text from a run on
    hidden inputs (it can carry values computed from them); load errors depend on the model
    alone and are quoted."""
    status = outcome.status
    if status == "compile_error" and outcome.message.startswith(REFERENCE_FAILED):
        raise ValueError(outcome.message)  # the template's own model: not the candidate's fault
    if status == "compile_error":
        return ModelRefused(Rule.LOAD, f"onnxruntime cannot build a session: {outcome.message}")
    if status == "memory":
        return ModelRefused(
            Rule.MEMORY,
            f"the {what} needed more than the {contract.memory_limit_mb} MiB of memory a "
            "hand-in may use",
        )
    if status == "timeout":
        return ModelRefused(
            Rule.TIME,
            f"the {what} went over its CPU time limit ({contract.query_seconds:g} s per image, "
            f"{contract.load_seconds:g} s to load)",
        )
    if status == "error":
        return ModelRefused(
            Rule.RUNTIME,
            f"onnxruntime raised {outcome.error_type or 'an error'} during the {what} on a test "
            "image (its message is not shown: it can carry hidden data; run the model on the "
            "validation images to see it)",
        )
    if status == "bad_output":
        return ModelRefused(Rule.OUTPUT_VALUES, f"{outcome.message} (during the {what})")
    if status == "output_limit" and outcome.message != RESULT_TOO_LARGE:
        return ModelRefused(Rule.OUTPUT_VALUES, f"the {what} {outcome.message}")
    if status == "output_limit":
        return ModelRefused(
            Rule.OUTPUT_VALUES,
            f"the {what} returned more than the template's outputs for its images "
            f"({contract.io.output_bytes_per_image:,} bytes per image: "
            f"{contract.io.describe()})",
        )
    if status == "crashed":
        # the runner words it for code ("the solution was killed by signal SIGSEGV")
        how = outcome.message.removeprefix("the solution ").replace(" instead of returning", "")
        return ModelRefused(Rule.RUNTIME, f"onnxruntime's process {how} during the {what}")
    return ModelRefused(Rule.RUNTIME, f"the {what} ended: {outcome.message or status}")


def _run_cases(
    sandbox: Sandbox,
    *,
    model_bytes: bytes,
    reference_bytes: bytes | None,
    limits: Limits,
    cases: Sequence[tuple[Any, list[bytes]]],
    contract: ModelContract,
    what: str,
) -> list[RawOutcome]:
    collected: list[RawOutcome] = []

    def keep(outcome: RawOutcome) -> None:
        if outcome.status != "ok":
            raise _Stop(outcome)
        collected.append(outcome)

    setup = {"reference": base64.b64encode(reference_bytes).decode()} if reference_bytes else {}
    try:
        sandbox.run(
            code=base64.b64encode(model_bytes).decode(),
            entry="",
            limits=limits,
            inputs=cases,
            on_outcome=keep,
            setup=setup,
        )
    except _Stop as stop:
        raise _failure(stop.outcome, contract, what) from None
    return collected


def _check_logits(chunk: Any, contract: ModelContract) -> Array:
    """(n, 1, *output_shape) float32, finite -> (n, *output_shape)."""
    name, wanted = contract.io.output_name, (1, *contract.io.output_shape)
    if not isinstance(chunk, np.ndarray) or chunk.ndim < 1:
        raise ModelRefused(Rule.OUTPUT_VALUES, "the accuracy run returned no array")
    if chunk.dtype != np.float32:
        raise ModelRefused(
            Rule.OUTPUT_VALUES, f"output {name!r} is {chunk.dtype}, it must be float32"
        )
    if chunk.shape[1:] != wanted:
        # The shape is not quoted: a graph can make it depend on the (hidden) input values.
        raise ModelRefused(
            Rule.OUTPUT_VALUES,
            f"output {name!r} must have shape {wanted} for a batch of one image; the "
            "model returned another shape",
        )
    if not np.isfinite(chunk).all():
        raise ModelRefused(
            Rule.OUTPUT_VALUES, f"output {name!r} holds NaN or infinite values for a test image"
        )
    return chunk[:, 0]


def _accuracy(
    sandbox: Sandbox, model_bytes: bytes, contract: ModelContract, images: Array
) -> tuple[Array, float, int]:
    """Logits (N, K), CPU seconds per image (an upper bound: loading included), peak KiB."""
    limits = Limits(
        time_limit=max(contract.load_seconds, contract.query_seconds * CHUNK),
        memory_limit_mb=contract.memory_limit_mb,
        result_limit_bytes=CHUNK * contract.io.output_bytes_per_image + RESULT_SLACK_BYTES,
    )
    cases = [
        wire.encode_value(["accuracy", images[start : start + CHUNK]])
        for start in range(0, len(images), CHUNK)
    ]
    outcomes = _run_cases(
        sandbox,
        model_bytes=model_bytes,
        reference_bytes=None,
        limits=limits,
        cases=cases,
        contract=contract,
        what="accuracy run",
    )
    logits = np.concatenate([_check_logits(outcome.value, contract) for outcome in outcomes])
    cpu = sum(outcome.cpu_time for outcome in outcomes) / len(images)
    return logits, cpu, max(outcome.memory_kb for outcome in outcomes)


def _reference_consistent(timed: Array, orders: Array) -> bool:
    """Each input's outputs agree across loops (the reference has no accuracy run here)."""
    first = np.empty_like(timed[0])
    first[orders[0]] = timed[0]
    return timed_outputs_match(first, timed, orders)


def _latency(
    sandbox: Sandbox,
    *,
    model_bytes: bytes,
    reference_bytes: bytes | None,
    contract: ModelContract,
    protocol: LatencyProtocol,
    images: Array,
    logits: Array,
) -> tuple[LatencyReport, LatencyReport | None, int]:
    indices, orders = plan(protocol, len(images))
    sessions = 2 if reference_bytes else 1
    limits = Limits(
        time_limit=contract.load_seconds * sessions
        + contract.query_seconds * protocol.total_queries() * sessions,
        memory_limit_mb=contract.memory_limit_mb * sessions,
        result_limit_bytes=latency_result_bytes(contract, protocol, sessions),
    )
    case = wire.encode_value(
        ["latency", images[indices], orders, protocol.warmups, protocol.repeats]
    )
    (outcome,) = _run_cases(
        sandbox,
        model_bytes=model_bytes,
        reference_bytes=reference_bytes,
        limits=limits,
        cases=[case],
        contract=contract,
        what="latency run",
    )
    try:
        cpu, wall, timed, repeat_cpu, _repeat_wall, version, threads = outcome.value
    except (TypeError, ValueError):
        raise ModelRefused(Rule.RUNTIME, "the latency run returned an unreadable result") from None
    info = machine(str(version), int(threads))
    distinct = len(set(indices.tolist()))
    candidate_timed = _check_logits(timed[0].reshape(-1, *timed.shape[3:]), contract)
    candidate = summarise(
        protocol,
        cpu[0],
        wall[0],
        repeat_cpu[0],
        distinct_inputs=distinct,
        outputs_equal=timed_outputs_match(
            logits[indices], candidate_timed.reshape(orders.shape + logits.shape[1:]), orders
        ),
        machine_info=info,
    )
    reference = None
    if reference_bytes:
        reference = summarise(
            protocol,
            cpu[1],
            wall[1],
            repeat_cpu[1],
            distinct_inputs=distinct,
            outputs_equal=_reference_consistent(timed[1], orders),
            machine_info=info,
        )
    return candidate, reference, outcome.memory_kb


def latency_result_bytes(contract: ModelContract, protocol: LatencyProtocol, sessions: int) -> int:
    """The latency run's result: every timed query's outputs, and its timings."""
    queries = protocol.loops * protocol.queries
    timings = 16 * (queries + protocol.repeats)  # cpu and wall, int64
    per_session = queries * contract.io.output_bytes_per_image + timings
    return sessions * per_session + RESULT_SLACK_BYTES


def check_inputs(inputs: Array, contract: ModelContract) -> Array:
    """The caller's (trusted) inputs as a C-contiguous float32 (N, C, H, W) array."""
    io = contract.io
    expected = (io.channels, io.height, io.width)
    if not isinstance(inputs, np.ndarray) or inputs.ndim != 4 or inputs.shape[1:] != expected:
        shape = getattr(inputs, "shape", None)
        raise ValueError(
            f"inputs must be (N, {expected[0]}, {expected[1]}, {expected[2]}), not {shape}"
        )
    if len(inputs) == 0:
        raise ValueError("inputs must hold at least one image")
    return np.ascontiguousarray(inputs, dtype=np.float32)


def evaluate_model(
    *,
    model_bytes: bytes,
    contract: ModelContract,
    inputs: Array,
    latency: LatencyProtocol | None,
    reference_model_bytes: bytes | None = None,
    sandbox: Sandbox | None = None,
) -> ModelRun:
    """Check, run and time one hand-in model; see the package docstring."""
    images = check_inputs(inputs, contract)
    if latency is not None:
        sessions = 2 if reference_model_bytes else 1
        result_bytes = latency_result_bytes(contract, latency, sessions)
        if result_bytes > MAX_RUN_OUTPUT_BYTES:
            raise ValueError(
                f"the latency run would return {result_bytes:,} bytes of outputs; the cap is "
                f"{MAX_RUN_OUTPUT_BYTES:,} (fewer loops or queries)"
            )
    try:
        card = inspect_model(
            model_bytes, contract.io, max_bytes=contract.max_bytes, opset_range=contract.opset_range
        )
    except ModelRefused as refused:
        return ModelRun(refusal=refused.refusal)
    sandbox = sandbox or default_onnx_sandbox()
    try:
        logits, _cpu_per_image, memory = _accuracy(sandbox, model_bytes, contract, images)
        timed: LatencyReport | None = None
        reference: LatencyReport | None = None
        if latency is not None:
            timed, reference, latency_memory = _latency(
                sandbox,
                model_bytes=model_bytes,
                reference_bytes=reference_model_bytes,
                contract=contract,
                protocol=latency,
                images=images,
                logits=logits,
            )
            memory = max(memory, latency_memory)
            check_candidate(timed)
    except ModelRefused as refused:
        return ModelRun(refusal=refused.refusal, card=card)
    return ModelRun(
        refusal=None,
        card=card,
        outputs=logits,
        latency=timed,
        reference_latency=reference,
        peak_memory_kb=memory,
    )
