"""Server-sent event streams that hold no worker and no database connection while they wait.

A live-progress stream lasts minutes. Served by a synchronous generator, each one pinned a
server thread and, through it, a database connection for all that time, so a few dozen open
pages exhausted the web tier. These streams are async generators: under ASGI they wait on the
event loop, and each database read runs in a thread only for as long as the query, handing its
connection back (to the pool on PostgreSQL) when it is done.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import StreamingHttpResponse

T = TypeVar("T")


def event(name: str, data: Any) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


def comment(text: str) -> str:
    """A line clients ignore: it keeps proxies from closing an idle stream."""
    return f": {text}\n\n"


def _release_connection() -> None:
    # Inside a transaction (a test's, or ATOMIC_REQUESTS) the connection belongs to it and
    # stays; otherwise it goes back now rather than when the stream ends minutes later.
    if not connection.in_atomic_block:
        connection.close()


def _read_and_release(read: Callable[[], T]) -> T:
    try:
        return read()
    finally:
        _release_connection()


async def read_db(read: Callable[[], T]) -> T:
    """``read()`` in the request's thread (thread-sensitive, where Django keeps its connection),
    then that connection released."""
    return await sync_to_async(_read_and_release)(read)


def event_stream(events: AsyncIterator[str]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(events, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on, do not buffer
    return response
