"""Shed load at the door: past a bound of requests in flight, answer 503 at once.

Django's sync views run on one thread per ASGI process, so requests beyond what that thread
serves wait in the event loop; at an offered rate above capacity they wait until the client
gives up (1,000 of 1,000 POSTs unanswered at 200/s on this 2-core machine, bench/load.py).
Counting in-flight requests on the event loop, before Django, turns that into an immediate
503 with Retry-After and a JSON reason, which a client can act on. Live event streams (which
wait on the loop, not on the thread) and the operator's probes are not counted.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from backend.ops.middleware import refusals

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[Any]]
Send = Callable[[Any], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

EXEMPT_PATHS = ("/healthz", "/readyz", "/metrics")
SHED_ROUTE = "<shed>"  # the refusals metric's route for answers no URL pattern reached


def _exempt(path: str) -> bool:
    return path.startswith(EXEMPT_PATHS) or path.endswith("/events/")


class ShedLoad:
    def __init__(self, app: App, *, limit: int, retry_after: int) -> None:
        self.app = app
        self.limit = limit
        self.retry_after = retry_after
        self.in_flight = 0  # one event loop per process: no lock needed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limit <= 0 or _exempt(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            await self._refuse(send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1

    async def _refuse(self, send: Send) -> None:
        # Refused before Django: RefusalCountMiddleware never sees it, so it is counted here.
        refusals.labels("503", SHED_ROUTE).inc()
        body = json.dumps({
            "detail": "the server is at capacity; nothing was done, send it again shortly",
            "code": "overloaded",
            "retry_after": self.retry_after,
        }).encode()
        await send({
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", b"application/json"),
                (b"retry-after", str(self.retry_after).encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        })
        await send({"type": "http.response.body", "body": body})
