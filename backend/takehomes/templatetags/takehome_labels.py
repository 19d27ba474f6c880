"""How take-home pages name a report's keys: metric keys (macro_f1) and plot names (per_class)
stay as they are in the reports and the API; a page shows words."""

from __future__ import annotations

from django import template

from graders.takehome.report import metric_label as _metric_label

register = template.Library()

PLOT_LABELS = {
    "confusion": "Confusion matrix",
    "latency": "Latency per query",
    "per_class": "Per-class scores",
    "pr_curves": "Precision-recall curves",
}


@register.filter
def metric_label(name: str) -> str:
    return _metric_label(str(name))


@register.filter
def plot_label(name: str) -> str:
    return PLOT_LABELS.get(str(name), str(name).replace("_", " ").capitalize())
