"""MetricReport: what scoring a hand-in produces, as plain data for the site and the plots."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


def _plain(value: Any) -> Any:
    """Nested data with every float finite and rounded, ready for json.dumps."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    number = float(value)
    return round(number, 6) if math.isfinite(number) else 0.0


# How a page or a plot names a metric key; keys stay as they are in reports and the API.
METRIC_LABELS = {"macro_f1": "macro-F1", "accuracy": "top-1 accuracy"}


def metric_label(name: str) -> str:
    return METRIC_LABELS.get(name, name)


@dataclass(frozen=True, eq=False)
class MetricReport:
    task: str
    headline: dict[str, float]
    primary: str  # the headline key the leaderboard ranks by (higher is better)
    per_class: dict[str, dict[str, float]]
    curves: dict[str, dict[str, list[float]]] | None = None  # detection: PR curves per class
    confusion: dict[str, Any] | None = None  # classification: labels, matrix, unanswered
    latency_ms: float | None = None
    latency_budget_ms: float | None = None
    notes: tuple[str, ...] = ()

    @property
    def primary_value(self) -> float:
        return self.headline[self.primary]

    @property
    def within_latency_budget(self) -> bool | None:
        if self.latency_ms is None or self.latency_budget_ms is None:
            return None
        return self.latency_ms <= self.latency_budget_ms

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "task": self.task,
            "headline": self.headline,
            "primary": self.primary,
            "per_class": self.per_class,
            "notes": list(self.notes),
        }
        if self.curves is not None:
            data["curves"] = self.curves
        if self.confusion is not None:
            data["confusion"] = self.confusion
        if self.latency_ms is not None:
            data["latency"] = {
                "reported_ms": self.latency_ms,
                "budget_ms": self.latency_budget_ms,
                "within_budget": self.within_latency_budget,
            }
        return dict(_plain(data))
