"""Past its bound of requests in flight a web process answers 503 at once, with Retry-After
and a JSON reason, instead of leaving the request to wait until its client gives up
(backend/config/shedding.py); live streams and probes are not counted."""

from __future__ import annotations

import asyncio
import json

from backend.config.shedding import ShedLoad


def run(limit: int, paths: list[str]) -> list[dict]:
    async def scenario() -> list[dict]:
        release = asyncio.Event()

        async def slow_app(scope, receive, send):
            await release.wait()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"ok"})

        app = ShedLoad(slow_app, limit=limit, retry_after=2)
        answers: list[dict] = [{} for _ in paths]

        async def call(index: int, path: str) -> None:
            async def send(message):
                answers[index].update(message)

            await app({"type": "http", "path": path}, lambda: None, send)

        tasks = [asyncio.create_task(call(i, path)) for i, path in enumerate(paths)]
        await asyncio.sleep(0.05)
        refused_early = [dict(answer) for answer in answers]
        release.set()
        await asyncio.gather(*tasks)
        return refused_early

    return asyncio.run(scenario())


def test_requests_past_the_bound_are_refused_at_once_with_retry_after():
    early = run(2, ["/api/submissions/"] * 3)
    assert [answer.get("status") for answer in early] == [None, None, 503]
    headers = dict(early[2]["headers"])
    assert headers[b"retry-after"] == b"2"
    body = json.loads(early[2]["body"])
    assert body["code"] == "overloaded" and body["detail"]


def test_streams_and_probes_are_not_counted():
    paths = ["/api/jobs/coding/1/events/", "/healthz", "/api/submissions/"]
    assert [answer.get("status") for answer in run(1, paths)] == [None, None, None]


def test_the_bound_frees_up_as_requests_finish():
    run(1, ["/a/"])
    assert [answer.get("status") for answer in run(1, ["/a/"])] == [None]
