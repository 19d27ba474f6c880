"""Open live streams wait on the event loop: many at once, each has sent its first event and
holds no database connection, and a normal request is answered beside them."""

from __future__ import annotations

import asyncio
import time

import pytest
from asgiref.sync import async_to_sync
from django.db import connections
from django.test import AsyncClient

from backend.grading import status
from backend.grading.models import JobStatus
from tests.backend.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

STREAMS = 40


def test_forty_open_streams_leave_the_server_free(monkeypatch):
    monkeypatch.setattr(status, "RECHECK_SECONDS", 0.2)
    user = UserFactory()
    jobs = [SubmissionFactory(owner=user, status=JobStatus.QUEUED) for _ in range(4)]

    async def scenario() -> tuple[list[str], int, float]:
        client = AsyncClient()
        await client.aforce_login(user)
        responses = await asyncio.gather(
            *(
                client.get(f"/api/jobs/coding/{jobs[i % len(jobs)].id}/events/")
                for i in range(STREAMS)
            )
        )
        streams = [response.streaming_content.__aiter__() for response in responses]
        first = [await anext(stream) for stream in streams]
        # Every stream polls its row a few times meanwhile; the page is still answered at once.
        await asyncio.sleep(0.5)
        started = time.monotonic()
        page = await client.get("/healthz")
        elapsed = time.monotonic() - started
        for stream in streams:
            await stream.aclose()
        return [chunk.decode() for chunk in first], page.status_code, elapsed

    first, code, elapsed = async_to_sync(scenario)()
    assert all(chunk.startswith("event: status") and '"queued"' in chunk for chunk in first)
    assert code == 200 and elapsed < 2.0
    # What the streams read, they gave back: no connection is left open in this thread.
    assert connections["default"].connection is None
