"""Simulate a checked pipeline spec under a prompt's traffic and judge it against the prompt."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from graders.design.catalog import Catalog
from graders.design.requirements import Requirements, SimulationSettings
from graders.design.simulator import SimResult, StageModel, Traffic, simulate
from graders.design.spec import PipelineSpec, stage_batch_ms

UTILISATION_WINDOW_S = 0.25
HISTOGRAM_BINS = 40


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    value: float
    limit: float
    op: str  # "<=" or ">="
    unit: str

    @property
    def passed(self) -> bool:
        if self.op == "<=":
            return self.value <= self.limit + 1e-12
        return self.value >= self.limit - 1e-12

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "value": _finite(self.value),
                "limit": self.limit, "op": self.op, "unit": self.unit, "passed": self.passed,
                "value_text": _text(self.value, self.unit),
                "limit_text": f"{'≤' if self.op == '<=' else '≥'} {_text(self.limit, self.unit)}"}


def _text(value: float, unit: str) -> str:
    """A figure as the report shows it: precision by unit, the unit after it."""
    if not np.isfinite(value):
        return "not measured"
    if unit == "fraction":
        return f"{value * 100:.3g} %"
    if unit == "USD/h":
        return f"${value:,.2f}/h"
    if unit in ("ms", "W", "fps", "Mbit/s"):
        return f"{value:,.1f} {unit}"
    return f"{value:.3g}"


@dataclass
class DesignReport:
    metrics: dict[str, float]
    utilisation: dict[str, float]
    checks: list[Check]
    timeline: dict[str, list[float]]  # stage -> busy fraction per window
    window_s: float
    histogram: dict[str, list[float]]  # "edges_ms", "counts"
    seed: int
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(check.passed for check in self.checks)

    @property
    def score(self) -> float:
        return self.passed / len(self.checks) if self.checks else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "metrics": {k: _finite(v) for k, v in self.metrics.items()},
            "utilisation": self.utilisation,
            "checks": [check.to_json() for check in self.checks],
            "passed": self.passed,
            "total": len(self.checks),
            "score": self.score,
            "timeline": self.timeline,
            "window_s": self.window_s,
            "histogram": self.histogram,
            "seed": self.seed,
            "notes": self.notes,
        }


def _finite(value: float) -> float | None:
    """JSON has no infinity: a metric that could not be measured is null."""
    return float(value) if np.isfinite(value) else None


def build_stages(spec: PipelineSpec, catalog: Catalog, resolution: str,
                 service_cv: float = 0.0) -> list[StageModel]:
    models = []
    for stage in spec.stages:
        # Service times are precomputed per batch size: the simulation calls this per batch.
        times = [stage_batch_ms(stage, n, catalog, resolution) / 1000.0
                 for n in range(1, stage.batch_size + 1)]
        models.append(StageModel(
            name=stage.name,
            servers=stage.replicas,
            service_s=lambda n, times=times: times[n - 1],  # type: ignore[misc]
            batch_size=stage.batch_size,
            batch_timeout_s=stage.batch_timeout_ms / 1000.0,
            queue_limit=stage.max_queue,
            service_cv=service_cv,
        ))
    return models


def evaluate(spec: PipelineSpec, catalog: Catalog, requirements: Requirements,
             settings: SimulationSettings) -> DesignReport:
    traffic = Traffic(
        sources=requirements.streams,
        rate_hz=requirements.fps,
        arrival=settings.arrival,
        jitter_s=settings.jitter_ms / 1000.0,
        keep_every=spec.sample_every,
    )
    result = simulate(
        traffic,
        build_stages(spec, catalog, requirements.resolution, settings.service_cv),
        duration_s=settings.duration_s,
        warmup_s=settings.warmup_s,
        # Frames still in flight this long after the last arrival count as dropped.
        drain_s=max(2.0, 3 * requirements.latency_budget_ms / 1000.0),
        seed=settings.seed,
    )
    return _report(spec, catalog, requirements, settings, result)


def _report(spec: PipelineSpec, catalog: Catalog, requirements: Requirements,
            settings: SimulationSettings, result: SimResult) -> DesignReport:
    utilisation = result.utilisation()
    cost = sum(catalog.devices[s.device].price_per_hour * s.replicas for s in spec.stages)
    power = 0.0
    for stage in spec.stages:
        device = catalog.devices[stage.device]
        busy = utilisation[stage.name]
        power += stage.replicas * (device.idle_w + (device.power_w - device.idle_w) * busy)
    inference = spec.inference
    assert inference.model is not None
    model = catalog.models[inference.model]
    offered = requirements.streams * requirements.fps / spec.sample_every
    metrics: dict[str, float] = {
        "offered_fps": offered,
        # Arrivals are random (Poisson or jittered): the frames that did arrive in the measured
        # window, per second, may exceed the offered mean; served is read against this.
        "arrived_fps": result.arrived / result.measured_s if result.measured_s > 0 else 0.0,
        "throughput_fps": result.throughput_hz,
        "p50_ms": result.percentile_s(50) * 1000,
        "p95_ms": result.percentile_s(95) * 1000,
        "p99_ms": result.percentile_s(99) * 1000,
        "mean_ms": float(result.latencies_s.mean() * 1000) if result.completed else float("inf"),
        "drop_rate": result.drop_rate,
        "dropped_frames": float(result.dropped),
        "cost_per_hour": cost,
        "power_w": power,
        "accuracy": model.accuracy,
        "processed_fps_per_stream": requirements.fps / spec.sample_every,
        # Frame sampling happens at the source (a sub-stream at the lower rate), so it also
        # lowers what crosses the network.
        "bandwidth_mbps": requirements.streams * catalog.bitrate_mbps[requirements.resolution]
        / spec.sample_every,
    }
    point = model.operating_point(inference.threshold) if inference.threshold is not None else None
    if point is not None:
        metrics["precision"] = point.precision
        metrics["recall"] = point.recall

    q = requirements.latency_percentile
    checks = [
        Check(f"p{q}_ms", f"p{q} end-to-end latency", metrics[f"p{q}_ms"],
              requirements.latency_budget_ms, "<=", "ms"),
        Check("drop_rate", "Dropped frames", metrics["drop_rate"],
              requirements.max_drop_rate, "<=", "fraction"),
    ]
    optional = [
        ("min_accuracy", "accuracy", "Expected accuracy", ">=", ""),
        ("max_cost_per_hour", "cost_per_hour", "Cost per hour", "<=", "USD/h"),
        ("max_power_w", "power_w", "Average power", "<=", "W"),
        ("min_precision", "precision", "Precision at the operating point", ">=", ""),
        ("min_recall", "recall", "Recall at the operating point", ">=", ""),
        ("min_processed_fps", "processed_fps_per_stream", "Frames analysed per stream", ">=",
         "fps"),
        ("max_bandwidth_mbps", "bandwidth_mbps", "Ingress bandwidth", "<=", "Mbit/s"),
    ]
    for requirement, metric, label, op, unit in optional:
        limit = getattr(requirements, requirement)
        if limit is not None:
            checks.append(Check(metric, label, metrics.get(metric, 0.0), limit, op, unit))

    edges: npt.NDArray[np.float64] = np.arange(
        settings.warmup_s, settings.duration_s + 1e-9, UTILISATION_WINDOW_S, dtype=np.float64
    )
    if edges[-1] < settings.duration_s:
        edges = np.append(edges, settings.duration_s)
    timeline = {s.name: [round(float(v), 4) for v in s.busy_fraction(edges)]
                for s in result.stages}
    notes = []
    if result.dropped:
        notes.append(f"{result.dropped} of {result.arrived} frames were dropped at a full queue "
                     "or still unfinished when the simulation ended.")
    return DesignReport(
        metrics=metrics,
        utilisation={k: round(v, 4) for k, v in utilisation.items()},
        checks=checks,
        timeline=timeline,
        window_s=UTILISATION_WINDOW_S,
        histogram=_histogram(result.latencies_s * 1000),
        seed=settings.seed,
        notes=notes,
    )


def _histogram(latencies_ms: npt.NDArray[np.float64]) -> dict[str, list[float]]:
    if latencies_ms.size == 0:
        return {"edges_ms": [], "counts": []}
    top = float(np.percentile(latencies_ms, 99.9)) * 1.05 or 1.0
    counts, edges = np.histogram(np.minimum(latencies_ms, top), bins=HISTOGRAM_BINS,
                                 range=(0.0, top))
    return {"edges_ms": [round(float(e), 4) for e in edges],
            "counts": [float(c) for c in counts]}
