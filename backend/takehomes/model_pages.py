"""Pages of model hand-ins (issue 14): the hand-in form's target, a hand-in's report (model
card, measured latency beside the reported figure, the budget, metrics, plots) and the
leaderboard's accuracy-against-latency chart with its Pareto front."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from backend.takehomes import access, selectors, uploads
from backend.takehomes.hand_in_kinds import MODEL
from backend.takehomes.models import ModelHandIn, TakeHome
from backend.takehomes.views import post_hand_in, review_context
from graders.takehome.report import metric_label


@login_required
@require_POST
def hand_in(request: HttpRequest, pk: int) -> HttpResponse:
    return post_hand_in(request, pk, from_form=uploads.model_hand_in_from_form, kind=MODEL)


def _card_rows(card: dict[str, Any]) -> list[tuple[str, str]]:
    def tensors(specs: list[dict[str, Any]]) -> str:
        return "; ".join(f"{s['name']} {s['dtype']} {s['shape']}" for s in specs)

    return [
        ("inputs", tensors(card["inputs"])),
        ("outputs", tensors(card["outputs"])),
        ("parameters", f"{card['params']:,}"),
        ("MACs per image", f"{card['macs']:,}"),
        ("precision", card["precision"] + (f" ({card['quantised']})" if card["quantised"] else "")),
        ("size", f"{card['size_bytes']:,} bytes"),
        ("opset", str(card["opset"])),
        ("producer", card["producer"]),
    ]


def _per_class(metrics: dict[str, Any]) -> dict[str, Any]:
    """The report's per-class figures as a table: IoU, precision, recall for segmentation,
    precision, recall, F1 for classification; the columns are whatever the scoring gave."""
    rows = metrics.get("per_class") or {}
    columns = [key for key in next(iter(rows.values()), {}) if key not in ("pixels", "support")]
    return {
        "columns": columns,
        "rows": [(name, [values.get(key) for key in columns]) for name, values in rows.items()],
    }


@login_required
def hand_in_detail(request: HttpRequest, pk: int, hand_in_id: int) -> HttpResponse:
    hand_in = access.hand_in_or_404(request.user, pk, hand_in_id, MODEL)
    report = hand_in.report or {}
    card = report.get("card")
    return render(
        request,
        "takehomes/model_hand_in.html",
        {
            **review_context(request, hand_in),
            "report": report,
            "headline": sorted((report.get("metrics") or {}).get("headline", {}).items()),
            "per_class": _per_class(report.get("metrics") or {}),
            "card_rows": _card_rows(card) if card else [],
            "ops": sorted((card or {}).get("ops", {}).items(), key=lambda item: -item[1]),
        },
    )


@login_required
def pareto_png(request: HttpRequest, slug: str) -> HttpResponse:
    """Every graded model hand-in the viewer may rank: the metric inside the budget against
    the measured p90."""
    from graders.models.plots import ParetoPoint, pareto_chart

    takehome = get_object_or_404(TakeHome, slug=slug, wants_model=True)
    if not selectors.leaderboard_visible(request.user, takehome):
        raise Http404
    rows = ModelHandIn.objects.filter(
        assignment__takehome=takehome, status=ModelHandIn.Status.DONE, p90_ms__isnull=False
    ).select_related("assignment__candidate")
    points = [
        ParetoPoint(
            label=f"{row.assignment.candidate.username} #{row.pk}",
            latency_ms=float(row.p90_ms or 0.0),
            metric=float(row.primary_value or 0.0),
            highlight=row.assignment.candidate_id == request.user.pk,
        )
        for row in rows
    ]
    if not points:
        raise Http404
    png = pareto_chart(points, metric_name=metric_label(selectors.metric_name(takehome)))
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-cache"
    return response
