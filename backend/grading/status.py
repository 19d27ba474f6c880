"""One status endpoint for every kind of graded work, and its live stream.

``GET /api/jobs/<kind>/<id>/`` answers ``{kind, id, status, finished}``; ``.../events/`` is a
server-sent event stream of the same, one ``status`` event per change and a last ``done``.
Pages follow it with backend/static/cvprep/live.js (polling the first when the stream fails).
The row is the truth: the stream re-reads it every second, so nothing is lost to a missed
message; between reads it waits on the event loop (backend/lib/sse.py). Only the status is
told, never a verdict (a running interview hides those).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404

from backend.grading import kinds
from backend.grading.models import GradedJob, JobStatus
from backend.lib import sse
from backend.lib.users import authenticate_token

STREAM_SECONDS = 300
RECHECK_SECONDS = 1.0
PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)


def state(kind: kinds.Kind, job: GradedJob) -> dict[str, Any]:
    return {
        "kind": kind.name,
        "id": job.pk,
        "status": job.status,
        "finished": job.status not in PENDING,
    }


def _job(request: HttpRequest, kind_name: str, job_id: int) -> tuple[kinds.Kind, GradedJob]:
    try:
        kind = kinds.get(kind_name)
    except KeyError:
        raise Http404("no such kind of graded work") from None
    job = get_object_or_404(kind.model.objects.select_related(*kind.select_related), pk=job_id)
    if not kind.can_view(request.user, job):
        raise Http404
    return kind, job


def _signed_out() -> JsonResponse:
    return JsonResponse({"detail": "sign in to see this"}, status=403)


def job_status(request: HttpRequest, kind_name: str, job_id: int) -> HttpResponse:
    bad_token = authenticate_token(request)
    if bad_token is not None:
        return bad_token
    if not request.user.is_authenticated:
        return _signed_out()
    kind, job = _job(request, kind_name, job_id)
    response = JsonResponse(state(kind, job))
    response["Cache-Control"] = "no-store"
    return response


async def _stream(kind: kinds.Kind, job: GradedJob) -> AsyncIterator[str]:
    last = state(kind, job)
    yield sse.event("status", last)
    deadline = time.monotonic() + STREAM_SECONDS
    while not last["finished"] and time.monotonic() < deadline:
        await asyncio.sleep(RECHECK_SECONDS)
        await sse.read_db(lambda: job.refresh_from_db(fields=["status"]))
        current = state(kind, job)
        if current != last:
            last = current
            yield sse.event("status", current)
        else:
            yield sse.comment("still waiting")
    yield sse.event("done" if last["finished"] else "timeout", last)


def _visible_job(
    request: HttpRequest, kind_name: str, job_id: int
) -> tuple[kinds.Kind, GradedJob] | HttpResponse | None:
    bad_token = authenticate_token(request)
    if bad_token is not None:
        return bad_token
    if not request.user.is_authenticated:
        return None
    return _job(request, kind_name, job_id)


async def job_events(
    request: HttpRequest, kind_name: str, job_id: int
) -> HttpResponse | StreamingHttpResponse:
    """The stream of ``job_status``: async, so that an open page holds no server worker."""
    found = await sse.read_db(lambda: _visible_job(request, kind_name, job_id))
    if found is None:
        return _signed_out()
    if isinstance(found, HttpResponse):
        return found
    kind, job = found
    return sse.event_stream(_stream(kind, job))
