"""A request that changes something runs to its end even if its client hangs up.

Django's ASGI handler cancels a request when the client disconnects. A POST that had already
committed its work then lost its answer on the way out: the idempotency middleware, seeing the
cancellation instead of a response, let the key go, so the client's retry with the same key
created the work a second time (5 duplicates in 700 submissions when clients timed out during a
broker outage, bench/load.py --outage). So once the body of a request that is not a read has
arrived, the disconnect is not passed on: the view finishes, its answer is kept for the retry,
and sending it to the departed client fails quietly.
"""

from __future__ import annotations

import asyncio
from typing import Any

from backend.config.shedding import App, Receive, Scope, Send

READS = {"GET", "HEAD", "OPTIONS"}


class CompleteOnHangup:
    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method", "GET") in READS:
            await self.app(scope, receive, send)
            return
        body_done = False

        async def receive_until_body_done() -> Any:
            nonlocal body_done
            if body_done:
                await asyncio.Event().wait()  # never: the disconnect is not passed on
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body", False):
                body_done = True
            return message

        await self.app(scope, receive_until_body_done, send)
