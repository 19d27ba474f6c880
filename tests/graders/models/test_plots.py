"""Latency histogram and Pareto chart of model hand-ins: PNGs, and the front they draw."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from graders.models.latency import LatencyProtocol, machine, summarise
from graders.models.plots import ParetoPoint, latency_histogram, pareto_chart, pareto_front


def report(scale: float):
    rng = np.random.default_rng(0)
    cpu = (rng.gamma(9, scale / 9, (5, 64)) * 1e6).astype(np.int64)
    return summarise(
        LatencyProtocol(),
        cpu,
        cpu + 1000,
        cpu[0, :32],
        distinct_inputs=64,
        outputs_equal=True,
        machine_info=machine("1.32.0", 1),
    )


def test_the_front_holds_only_hand_ins_nothing_beats_on_both_axes() -> None:
    points = [
        ParetoPoint("slow and good", 9.0, 0.95),
        ParetoPoint("fast and fair", 2.0, 0.80),
        ParetoPoint("dominated", 5.0, 0.79),
        ParetoPoint("tie on latency, better", 2.0, 0.85),
        ParetoPoint("middle", 4.0, 0.90),
    ]
    assert pareto_front(points) == [3, 4, 0]


@pytest.mark.parametrize("with_reference", [False, True])
def test_the_latency_histogram_is_a_png(with_reference: bool) -> None:
    png = latency_histogram(report(1.0), report(3.0) if with_reference else None)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (720, 420)


def test_the_pareto_chart_is_a_png_and_needs_a_point() -> None:
    png = pareto_chart(
        [ParetoPoint("me", 1.0, 0.5, highlight=True)], metric_name="top-1", budget_ms=2.0
    )
    assert Image.open(io.BytesIO(png)).format == "PNG"
    with pytest.raises(ValueError):
        pareto_chart([], metric_name="top-1")
