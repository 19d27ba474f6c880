"""A POST whose client hangs up once the body is sent still runs to its end, and its answer is
kept for the retry with the same key (backend/config/hangups.py): the retry replays it
instead of creating the work a second time."""

from __future__ import annotations

import asyncio
import json

import pytest
from django.core.asgi import get_asgi_application
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from backend.config.hangups import CompleteOnHangup
from backend.idempotency.models import IdempotentRequest
from backend.submissions.models import Submission
from tests.backend.factories import ProblemFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

BODY = {"problem": "add_one", "code": "def add_one(x):\n    return x + 1\n", "mode": "run"}


def post_and_hang_up(app, token: str, key: str) -> list[dict]:
    """One POST through the ASGI app; the client disconnects right after sending the body."""
    body = json.dumps(BODY).encode()
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/api/submissions/", "raw_path": b"/api/submissions/",
        "query_string": b"", "root_path": "", "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 5000),
        "headers": [
            (b"host", b"127.0.0.1"), (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"authorization", f"Token {token}".encode()), (b"idempotency-key", key.encode()),
        ],
    }
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent: list[dict] = []

    async def receive() -> dict:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def test_a_post_whose_client_hangs_up_is_kept_and_its_retry_replays_it(monkeypatch):
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", lambda _id: None)
    ProblemFactory(slug="add_one")
    user = UserFactory()
    token = Token.objects.create(user=user).key
    post_and_hang_up(CompleteOnHangup(get_asgi_application()), token, "hung-up-1")
    row = Submission.objects.get(owner=user)
    kept = IdempotentRequest.objects.get(key="hung-up-1")
    assert kept.status_code == 201 and json.loads(bytes(kept.body))["id"] == row.pk
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    retry = client.post("/api/submissions/", json.dumps(BODY), content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="hung-up-1")  # the same bytes: the same request
    assert retry.status_code == 201 and retry["Idempotent-Replayed"] == "true"
    assert retry.json()["id"] == row.pk and Submission.objects.filter(owner=user).count() == 1
