"""Latency the platform measures, after MLPerf Inference's SingleStream scenario.

One query is one image (batch 1), issued when the previous one has returned. Per model: a few
warm-up queries (not timed), then ``loops`` timed passes over the same ``queries`` inputs, each
pass in its own order drawn from ``seed``; a pass gives a p50 and a p90 (nearest rank), and the
report states the median of each over the passes, so one disturbed pass moves nothing. Every
query is timed twice: CPU time of the calling thread and wall time.

**The budget uses CPU time.** With onnxruntime pinned to one thread, a query's CPU time is the
work it needed, whatever else the machine runs; its wall time adds whatever waited for the core
(bench/models.py measures both on this machine: see docs/security.md, "Model hand-ins").

Two checks keep the figure honest: the outputs of every timed query must equal, bit for bit,
the accuracy run's output for the same input (a model that answers differently when timed is
refused), and the same input repeated ``repeats`` times must not run much faster than distinct
inputs (a cache would: an ONNX graph holds no state between runs, so this only fails if
something outside the graph does).
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from graders.models.refusal import ModelRefused, Rule

Array = np.ndarray[Any, Any]
MIN_QUERIES = 64
# The repeated-input check fails when a repeated input's median CPU time is under this
# fraction of the distinct inputs' median, by more than CACHE_SLACK_MS.
CACHE_RATIO = 0.5
CACHE_SLACK_MS = 0.05


@dataclass(frozen=True)
class LatencyProtocol:
    warmups: int = 10
    queries: int = MIN_QUERIES  # per loop, batch 1, each a distinct input when there are enough
    loops: int = 5
    seed: int = 0
    repeats: int = 32  # the repeated-input check: the same input this many times

    def __post_init__(self) -> None:
        if self.queries < MIN_QUERIES:
            raise ValueError(f"queries must be at least {MIN_QUERIES} (MLPerf SingleStream)")
        if not (1 <= self.loops <= 25 and 0 <= self.warmups <= 1000 and self.repeats >= 1):
            raise ValueError("loops must be in [1, 25], warmups in [0, 1000], repeats >= 1")
        if self.queries > 4096 or self.repeats > 4096:
            raise ValueError("queries and repeats must be at most 4096")

    def total_queries(self) -> int:
        return self.warmups + self.loops * self.queries + self.repeats

    def describe(self) -> str:
        return (
            f"MLPerf SingleStream: {self.warmups} warm-up queries, then {self.loops} loops of "
            f"{self.queries} batch-1 queries in an order drawn from seed {self.seed}; p50 and "
            "p90 per loop, the median over loops; CPU time of the one onnxruntime thread is "
            "the budget's clock, wall time is shown beside it"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": "SingleStream",
            "warmups": self.warmups,
            "queries": self.queries,
            "loops": self.loops,
            "seed": self.seed,
            "repeats": self.repeats,
            "budget_clock": "cpu",
            "description": self.describe(),
        }


@dataclass(frozen=True)
class Machine:
    cpu_model: str
    cores: int
    kernel: str
    onnxruntime: str
    threads: int  # threads of the process that ran the queries (1 when pinned as intended)

    def to_json(self) -> dict[str, Any]:
        return {
            "cpu_model": self.cpu_model,
            "cores": self.cores,
            "kernel": self.kernel,
            "onnxruntime": self.onnxruntime,
            "threads": self.threads,
            "intra_op_threads": 1,
            "inter_op_threads": 1,
        }


@cache
def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(onnxruntime_version: str, threads: int) -> Machine:
    return Machine(
        cpu_model=cpu_model(),
        cores=os.cpu_count() or 1,
        kernel=platform.release(),
        onnxruntime=onnxruntime_version,
        threads=threads,
    )


@dataclass(frozen=True)
class LatencyReport:
    """One model's figures; ``p50_ms``/``p90_ms`` are the budget's (CPU) figures."""

    protocol: LatencyProtocol
    cpu_p50_ms: float
    cpu_p90_ms: float
    wall_p50_ms: float
    wall_p90_ms: float
    loop_cpu_p50_ms: tuple[float, ...]
    loop_cpu_p90_ms: tuple[float, ...]
    loop_wall_p50_ms: tuple[float, ...]
    loop_wall_p90_ms: tuple[float, ...]
    cpu_samples_ms: tuple[float, ...]  # every timed query, loop after loop (for the plot)
    wall_samples_ms: tuple[float, ...]
    distinct_inputs: int
    outputs_equal: bool  # the timed outputs equal the accuracy run's (the reference: its own)
    repeat_cpu_p50_ms: float
    cache_check_passed: bool
    machine: Machine

    @property
    def p50_ms(self) -> float:
        return self.cpu_p50_ms

    @property
    def p90_ms(self) -> float:
        return self.cpu_p90_ms

    @property
    def timed_queries(self) -> int:
        return len(self.cpu_samples_ms)

    def to_json(self) -> dict[str, Any]:
        return {
            "clock": "cpu",
            "p50_ms": round(self.p50_ms, 4),
            "p90_ms": round(self.p90_ms, 4),
            "cpu": {"p50_ms": round(self.cpu_p50_ms, 4), "p90_ms": round(self.cpu_p90_ms, 4)},
            "wall": {"p50_ms": round(self.wall_p50_ms, 4), "p90_ms": round(self.wall_p90_ms, 4)},
            "loops": {
                "cpu_p50_ms": [round(v, 4) for v in self.loop_cpu_p50_ms],
                "cpu_p90_ms": [round(v, 4) for v in self.loop_cpu_p90_ms],
                "wall_p50_ms": [round(v, 4) for v in self.loop_wall_p50_ms],
                "wall_p90_ms": [round(v, 4) for v in self.loop_wall_p90_ms],
            },
            "cpu_samples_ms": [round(v, 4) for v in self.cpu_samples_ms],
            "wall_samples_ms": [round(v, 4) for v in self.wall_samples_ms],
            "timed_queries": self.timed_queries,
            "distinct_inputs": self.distinct_inputs,
            "outputs_equal_accuracy_run": self.outputs_equal,
            "repeat_cpu_p50_ms": round(self.repeat_cpu_p50_ms, 4),
            "cache_check_passed": self.cache_check_passed,
            "protocol": self.protocol.to_json(),
            "machine": self.machine.to_json(),
        }


def plan(protocol: LatencyProtocol, available: int) -> tuple[Array, Array]:
    """(indices of the inputs timed, orders (loops, queries) over those indices' positions).

    With at least ``queries`` inputs, that many distinct ones are drawn; with fewer, all are
    used and cycled (the report's ``distinct_inputs`` says so)."""
    if available < 1:
        raise ValueError("latency needs at least one input")
    generator = np.random.default_rng(protocol.seed)
    if available >= protocol.queries:
        indices = np.sort(generator.choice(available, protocol.queries, replace=False))
    else:
        indices = np.resize(np.arange(available), protocol.queries)
    orders = np.stack([generator.permutation(protocol.queries) for _ in range(protocol.loops)])
    return indices.astype(np.int64), orders.astype(np.int64)


def _percentile(samples: Array, q: float) -> float:
    return float(np.percentile(samples, q, method="inverted_cdf"))  # nearest rank


def summarise(
    protocol: LatencyProtocol,
    cpu_ns: Array,
    wall_ns: Array,
    repeat_cpu_ns: Array,
    *,
    distinct_inputs: int,
    outputs_equal: bool,
    machine_info: Machine,
) -> LatencyReport:
    """One model's report from its (loops, queries) timings in nanoseconds."""
    cpu_ms, wall_ms = cpu_ns.astype(np.float64) / 1e6, wall_ns.astype(np.float64) / 1e6
    loop_cpu_p50 = tuple(_percentile(loop, 50) for loop in cpu_ms)
    loop_cpu_p90 = tuple(_percentile(loop, 90) for loop in cpu_ms)
    loop_wall_p50 = tuple(_percentile(loop, 50) for loop in wall_ms)
    loop_wall_p90 = tuple(_percentile(loop, 90) for loop in wall_ms)
    repeat_p50 = _percentile(repeat_cpu_ns.astype(np.float64) / 1e6, 50)
    distinct_p50 = _percentile(cpu_ms.ravel(), 50)
    cached = repeat_p50 < CACHE_RATIO * distinct_p50 and distinct_p50 - repeat_p50 > CACHE_SLACK_MS
    return LatencyReport(
        protocol=protocol,
        cpu_p50_ms=float(np.median(loop_cpu_p50)),
        cpu_p90_ms=float(np.median(loop_cpu_p90)),
        wall_p50_ms=float(np.median(loop_wall_p50)),
        wall_p90_ms=float(np.median(loop_wall_p90)),
        loop_cpu_p50_ms=loop_cpu_p50,
        loop_cpu_p90_ms=loop_cpu_p90,
        loop_wall_p50_ms=loop_wall_p50,
        loop_wall_p90_ms=loop_wall_p90,
        cpu_samples_ms=tuple(float(v) for v in cpu_ms.ravel()),
        wall_samples_ms=tuple(float(v) for v in wall_ms.ravel()),
        distinct_inputs=distinct_inputs,
        outputs_equal=outputs_equal,
        repeat_cpu_p50_ms=repeat_p50,
        cache_check_passed=not cached,
        machine=machine_info,
    )


def paired_p90_ratio(candidate: LatencyReport, reference: LatencyReport) -> float:
    """The median over loops of candidate p90 / reference p90 in the same loop: the two were
    measured back to back, so a loop the machine disturbed moves both."""
    pairs = zip(candidate.loop_cpu_p90_ms, reference.loop_cpu_p90_ms, strict=True)
    return float(np.median([mine / theirs for mine, theirs in pairs]))


def timed_outputs_match(expected: Array, timed: Array, orders: Array) -> bool:
    """``timed[l, q]`` must equal ``expected[orders[l, q]]`` bit for bit."""
    return bool(np.array_equal(timed, expected[orders]))


def check_candidate(report: LatencyReport) -> None:
    """Refuse a candidate whose timed run broke a check (the reference is ours: reported)."""
    if not report.outputs_equal:
        raise ModelRefused(
            Rule.DETERMINISM,
            "the outputs of the timed queries differ from the accuracy run's outputs for the "
            "same images; the latency of a model that answers differently when timed is "
            "not a measurement of that model",
        )
    if not report.cache_check_passed:
        raise ModelRefused(
            Rule.CACHE,
            f"the same image repeated took {report.repeat_cpu_p50_ms:.3f} ms (median) against "
            f"{report.cpu_p50_ms:.3f} ms for distinct images: a repeated input must not be "
            "answered from a cache",
        )
