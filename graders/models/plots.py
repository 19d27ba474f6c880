"""Charts of model hand-ins as PNG bytes, drawn with Pillow (no matplotlib on the servers):
the latency distribution of one hand-in (beside its reference), and accuracy against latency
for all hand-ins of a take-home, with the Pareto front drawn through the hand-ins no other
beats on both.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from graders.charts import font, png_bytes
from graders.models.latency import LatencyReport

WIDTH, HEIGHT = 720, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 76, 60
INK, GRID, PAPER = "#222222", "#dddddd", "#ffffff"
HANDIN, REFERENCE, FRONT, OTHER = "#1f77b4", "#ff7f0e", "#d62728", "#9aa5b1"


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]."""
    span = max(high - low, 1e-9)
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    return [first + i * step for i in range(int(math.ceil((high - first) / step)) + 1)]


class _Plane:
    """A rectangle mapping [x_low, x_high] x [y_low, y_high], with grid, ticks and labels."""

    def __init__(self, title: str, x_label: str, y_label: str, xs: list[float], ys: list[float]):
        self.image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
        self.draw = ImageDraw.Draw(self.image)
        self.font, self.small = font(15), font(12)
        self.x_ticks, self.y_ticks = _nice_ticks(min(xs), max(xs)), _nice_ticks(min(ys), max(ys))
        self.x_range = (self.x_ticks[0], self.x_ticks[-1])
        self.y_range = (self.y_ticks[0], self.y_ticks[-1])
        self.draw.text((LEFT, 12), title, fill=INK, font=self.font)
        for value in self.x_ticks:
            x = self.x(value)
            self.draw.line([(x, TOP), (x, HEIGHT - BOTTOM)], fill=GRID)
            self.draw.text((x - 12, HEIGHT - BOTTOM + 6), f"{value:g}", fill=INK, font=self.small)
        for value in self.y_ticks:
            y = self.y(value)
            self.draw.line([(LEFT, y), (WIDTH - RIGHT, y)], fill=GRID)
            self.draw.text((8, y - 7), f"{value:g}", fill=INK, font=self.small)
        self.draw.rectangle([LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM], outline=INK)
        self.draw.text((LEFT + 200, HEIGHT - 26), x_label, fill=INK, font=self.font)
        self.draw.text((LEFT, TOP - 20), y_label, fill=INK, font=self.small)

    def x(self, value: float) -> float:
        low, high = self.x_range
        return LEFT + (WIDTH - RIGHT - LEFT) * (value - low) / max(high - low, 1e-12)

    def y(self, value: float) -> float:
        low, high = self.y_range
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * (value - low) / max(high - low, 1e-12)


def latency_histogram(report: LatencyReport, reference: LatencyReport | None = None) -> bytes:
    """Every timed query's CPU time (all loops), hand-in and reference, p50 and p90 marked."""
    series = [("hand-in", report, HANDIN)]
    if reference is not None:
        series.append(("reference", reference, REFERENCE))
    samples = [np.asarray(r.cpu_samples_ms) for _, r, _ in series]
    low = min(float(np.percentile(s, 0.5)) for s in samples)
    high = max(float(np.percentile(s, 99.5)) for s in samples)
    if high <= low:
        high = low + 1e-3
    edges = np.linspace(low, high, 41)
    counts = [np.histogram(np.clip(s, low, high), bins=edges)[0] / len(s) for s in samples]
    plane = _Plane(
        f"Latency per query, CPU time ({report.timed_queries} timed queries, batch 1)",
        "milliseconds",
        "share of queries",
        [low, high],
        [0.0, max(float(c.max()) for c in counts)],
    )
    for (_label, measured, colour), share in zip(series, counts, strict=True):
        for index, value in enumerate(share):
            if value > 0:
                left, right = plane.x(edges[index]), plane.x(edges[index + 1])
                plane.draw.rectangle(
                    [left + 1, plane.y(float(value)), right - 1, plane.y(0.0)], outline=colour
                )
        for name, value in (("p50", measured.p50_ms), ("p90", measured.p90_ms)):
            x = plane.x(value)
            plane.draw.line([(x, TOP), (x, HEIGHT - BOTTOM)], fill=colour, width=2)
            plane.draw.text(
                (x + 3, TOP + 4 + 14 * (name == "p90")), name, fill=colour, font=plane.small
            )
    for row, (label, measured, colour) in enumerate(series):
        text = f"{label}: p50 {measured.p50_ms:.3f} ms, p90 {measured.p90_ms:.3f} ms"
        plane.draw.text((WIDTH - RIGHT - 300, 34 + 16 * row), text, fill=colour, font=plane.small)
    return png_bytes(plane.image)


@dataclass(frozen=True)
class ParetoPoint:
    label: str
    latency_ms: float  # lower is better
    metric: float  # higher is better
    highlight: bool = False  # the viewer's own hand-in


def pareto_front(points: Sequence[ParetoPoint]) -> list[int]:
    """Indices of the points no other point beats on both axes (ties do not beat), by latency."""
    front = []
    for index, point in enumerate(points):
        beaten = any(
            other.latency_ms <= point.latency_ms
            and other.metric >= point.metric
            and (other.latency_ms < point.latency_ms or other.metric > point.metric)
            for other in points
        )
        if not beaten:
            front.append(index)
    return sorted(front, key=lambda i: points[i].latency_ms)


def pareto_chart(
    points: Sequence[ParetoPoint], *, metric_name: str, budget_ms: float | None = None
) -> bytes:
    """Accuracy against p90 latency for every hand-in; the front joined, the budget dashed."""
    if not points:
        raise ValueError("a Pareto chart needs at least one hand-in")
    xs = [p.latency_ms for p in points] + ([budget_ms] if budget_ms else [])
    plane = _Plane(
        f"{metric_name} against p90 latency ({len(points)} hand-ins)",
        "p90 latency, ms (CPU time, batch 1)",
        metric_name,
        [0.0, max(xs) * 1.05],
        [min(0.0, *(p.metric for p in points)), max(1.0, *(p.metric for p in points))],
    )
    front = pareto_front(points)
    line = [(plane.x(points[i].latency_ms), plane.y(points[i].metric)) for i in front]
    if len(line) > 1:
        plane.draw.line(line, fill=FRONT, width=2)
    if budget_ms:
        x = plane.x(budget_ms)
        for top in range(TOP, HEIGHT - BOTTOM, 12):
            plane.draw.line([(x, top), (x, min(top + 6, HEIGHT - BOTTOM))], fill=INK)
        plane.draw.text((x + 4, TOP + 4), "budget", fill=INK, font=plane.small)
    on_front = set(front)
    for index, point in enumerate(points):
        x, y = plane.x(point.latency_ms), plane.y(point.metric)
        colour = FRONT if index in on_front else OTHER
        radius = 6 if point.highlight else 4
        plane.draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius],
            fill=colour,
            outline=INK if point.highlight else colour,
        )
        if point.highlight or index in on_front:
            plane.draw.text((x + 7, y - 7), point.label[:24], fill=INK, font=plane.small)
    return png_bytes(plane.image)
