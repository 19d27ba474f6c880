"""The one view of graded work's PNGs: the job's kind says who may see it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404

from backend.grading import artifacts, kinds
from backend.lib.users import authenticate_token


def artifact_png(
    request: HttpRequest,
    kind_name: str,
    job_id: int,
    name: str = "",
    parent_id: int | None = None,
    case: str = "",
    picture: str = "",
) -> HttpResponse:
    """``name`` of job ``job_id`` of the kind (a coding case's picture is ``case/picture``);
    ``parent_id`` is the job's parent in a nested URL (a hand-in's assignment)."""
    bad_token = authenticate_token(request)
    if bad_token is not None:
        return bad_token
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "sign in to see this"}, status=403)
    kind = kinds.get(kind_name)
    job = get_object_or_404(kind.model.objects.select_related(*kind.select_related), pk=job_id)
    if parent_id is not None and getattr(job, kind.parent_field) != parent_id:
        raise Http404
    if not kind.can_view(request.user, job):
        raise Http404  # another's work is not there at all (a 404, not a 403)
    artifact = get_object_or_404(
        artifacts.of(kind.model, job.pk), name=f"{case}/{picture}" if case else name
    )
    response = HttpResponse(bytes(artifact.png), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
