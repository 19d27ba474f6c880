"""Live progress as server-sent events: the worker publishes on Redis, the page listens here.

The stream starts with a snapshot from the database (the truth), relays each case as the worker
publishes it, and re-reads the row every couple of seconds, so a missed message (pub/sub keeps
nothing) or a Redis outage only delays the verdict, never loses it. It is an async generator
(backend/lib/sse.py): an open page waits on the event loop, holding no server worker.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import redis
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404

from backend.lib import sse
from backend.lib.live import async_redis_client
from backend.lib.users import authenticate_token
from backend.submissions.models import Submission
from backend.submissions.serializers import SubmissionSerializer

STREAM_SECONDS = 300
RECHECK_SECONDS = 2.0
LISTEN_SECONDS = 0.5


def _snapshot(submission: Submission) -> dict[str, Any]:
    return dict(SubmissionSerializer(submission).data)


def _refresh(submission: Submission) -> bool:
    """Re-read the row; whether its hidden cases are still hidden (a running interview)."""
    submission.refresh_from_db()
    return submission.results_hidden


async def _subscribe(channel: str) -> tuple[Any, Any]:
    client = async_redis_client()
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    try:
        await pubsub.subscribe(channel)
    except (redis.RedisError, OSError):  # no Redis: fall back to reading the row
        await _close(client, pubsub)
        return None, None
    return client, pubsub


async def _close(client: Any, pubsub: Any) -> None:
    try:
        if pubsub is not None:
            await pubsub.aclose()
        if client is not None:
            await client.aclose()
    except (redis.RedisError, OSError):
        pass


async def _stream(submission: Submission) -> AsyncIterator[str]:
    client, pubsub = await _subscribe(f"submission:{submission.id}")
    listening = pubsub is not None
    try:
        yield sse.event("snapshot", await sse.read_db(lambda: _snapshot(submission)))
        hidden = await sse.read_db(lambda: submission.results_hidden)
        deadline = time.monotonic() + STREAM_SECONDS
        last_check = time.monotonic()
        while submission.status != Submission.Status.DONE and time.monotonic() < deadline:
            message = None
            if listening:
                try:
                    message = await pubsub.get_message(timeout=LISTEN_SECONDS)
                except (redis.RedisError, OSError):
                    listening = False  # Redis went away: the row is read all the same
            else:
                await asyncio.sleep(LISTEN_SECONDS)
            if message and message.get("type") == "message":
                data = json.loads(message["data"])
                if data.get("type") == "case":
                    # A hidden case's verdict waits for the end of a running interview.
                    if data["case"].get("sample") or not hidden:
                        yield sse.event("case", data["case"])
                elif data.get("type") == "done":
                    break
            if time.monotonic() - last_check > RECHECK_SECONDS:
                last_check = time.monotonic()
                hidden = await sse.read_db(lambda: _refresh(submission))
                yield sse.comment("still running")
        await sse.read_db(submission.refresh_from_db)
        yield sse.event("done", await sse.read_db(lambda: _snapshot(submission)))
    finally:
        await _close(client, pubsub)


def _own_submission(request: HttpRequest, pk: int) -> Submission | HttpResponse:
    """The signed-in user's submission (a session, or an API token as the API reads it)."""
    bad_token = authenticate_token(request)
    if bad_token is not None:
        return bad_token
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "sign in to see this"}, status=403)
    return get_object_or_404(Submission, pk=pk, owner=request.user)


async def submission_events(
    request: HttpRequest, pk: int
) -> StreamingHttpResponse | HttpResponse:
    found = await sse.read_db(lambda: _own_submission(request, pk))
    if isinstance(found, HttpResponse):
        return found
    return sse.event_stream(_stream(found))
