"""A scored model hand-in as plain JSON and as text: what ``python -m graders score`` prints."""

from __future__ import annotations

from typing import Any

from graders.models.latency import LatencyReport
from graders.models.package import HandinScore


def _latency_ms(report: LatencyReport | None) -> dict[str, Any] | None:
    if report is None:
        return None
    return {
        "p50": round(report.p50_ms, 4),
        "p90": round(report.p90_ms, 4),
        "clock": "cpu",
        "wall_p50": round(report.wall_p50_ms, 4),
        "wall_p90": round(report.wall_p90_ms, 4),
    }


def handin_json(scored: HandinScore) -> dict[str, Any]:
    run = scored.run
    card = run.card
    return {
        "valid": run.refusal is None,
        "refusal": run.refusal.to_json() if run.refusal else None,
        "metrics": scored.report.to_json() if scored.report else None,
        "latency_ms": _latency_ms(run.latency),
        "reference_latency_ms": _latency_ms(run.reference_latency),
        "params": card.params if card else None,
        "macs": card.macs if card else None,
        "size_bytes": card.size_bytes if card else None,
        "p90_ratio": None if run.p90_ratio is None else round(run.p90_ratio, 4),
        "within_budget": scored.within_budget,
        "budget_notes": list(scored.budget_notes),
        "scored_value": round(scored.scored_value, 6),
        "reference_metrics": scored.reference_report.to_json() if scored.reference_report else None,
        "card": card.to_json() if card else None,
        "latency": run.latency.to_json() if run.latency else None,
        "reference_latency": run.reference_latency.to_json() if run.reference_latency else None,
        "peak_memory_kb": run.peak_memory_kb,
    }


def print_handin(scored: HandinScore) -> None:
    run = scored.run
    if run.card is not None:
        card = run.card
        print(
            f"model: {card.size_bytes:,} bytes, {card.params:,} parameters, {card.macs:,} MACs "
            f"per image, {card.precision}, opset {card.opset}"
        )
    if run.refusal is not None:
        print(f"refused ({run.refusal.rule}): {run.refusal.message}")
        return
    if scored.report is not None:
        headline = ", ".join(f"{key} {value:.4f}" for key, value in scored.report.headline.items())
        print(f"metrics: {headline}")
    for label, report in (("latency", run.latency), ("reference", run.reference_latency)):
        if report is not None:
            print(
                f"{label}: p50 {report.p50_ms:.3f} ms, p90 {report.p90_ms:.3f} ms CPU "
                f"(wall p50 {report.wall_p50_ms:.3f}, p90 {report.wall_p90_ms:.3f}); "
                f"{report.timed_queries} timed queries, {report.machine.cpu_model}, "
                f"onnxruntime {report.machine.onnxruntime}, 1 thread"
            )
    if scored.within_budget is not None:
        verdict = "inside" if scored.within_budget else "outside"
        print(f"budget: {verdict}; " + "; ".join(scored.budget_notes))
    print(f"scored value: {scored.scored_value:.4f}")
