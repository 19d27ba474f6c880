"""Live progress as server-sent events: the worker publishes on Redis, the page listens here.

The stream starts with a snapshot from the database (the truth), relays each case as the worker
publishes it, and re-reads the row every couple of seconds, so a missed message (pub/sub keeps
nothing) or a Redis outage only delays the verdict, never loses it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404

from backend.lib.live import redis_client
from backend.submissions.models import Submission
from backend.submissions.serializers import SubmissionSerializer

STREAM_SECONDS = 300
RECHECK_SECONDS = 2.0


def _event(name: str, data: Any) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


def _stream(submission: Submission) -> Iterator[str]:
    pubsub = None
    try:
        pubsub = redis_client().pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe(f"submission:{submission.id}")
    except Exception:  # no Redis: fall back to reading the row
        pubsub = None
    try:
        yield _event("snapshot", SubmissionSerializer(submission).data)
        deadline = time.monotonic() + STREAM_SECONDS
        last_check = time.monotonic()
        while submission.status != Submission.Status.DONE and time.monotonic() < deadline:
            message = None
            if pubsub is not None:
                try:
                    message = pubsub.get_message(timeout=0.5)
                except Exception:
                    pubsub = None
            else:
                time.sleep(0.5)
            if message and message.get("type") == "message":
                data = json.loads(message["data"])
                if data.get("type") == "case":
                    # A hidden case's verdict waits for the end of a running interview.
                    if data["case"].get("sample") or not submission.results_hidden:
                        yield _event("case", data["case"])
                elif data.get("type") == "done":
                    submission.refresh_from_db()
                    break
            if time.monotonic() - last_check > RECHECK_SECONDS:
                last_check = time.monotonic()
                submission.refresh_from_db()
                yield ": still running\n\n"
        submission.refresh_from_db()
        yield _event("done", SubmissionSerializer(submission).data)
    finally:
        if pubsub is not None:
            try:
                pubsub.close()
            except Exception:
                pass


@login_required
def submission_events(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    submission = get_object_or_404(Submission, pk=pk, owner=request.user)
    response = StreamingHttpResponse(_stream(submission), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response
