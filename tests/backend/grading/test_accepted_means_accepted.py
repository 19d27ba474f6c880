"""Accepted means accepted: once a work row is committed the API answers 201 whatever the
broker does. With the broker pointed at a closed port, every kind's POST is a 201, its row is
queued and marked unsent, a retry with the same Idempotency-Key creates nothing more, and once
the broker is back the sweep sends it."""

from __future__ import annotations

import socket

import kombu.exceptions
import pytest
from celery import current_app
from django.utils import timezone

from backend.grading import broker, kinds
from backend.grading.models import JobStatus
from backend.grading.sweep import sweep
from backend.submissions.models import Submission
from tests.backend.designs.test_design_api import GOOD_YAML as SPEC
from tests.backend.factories import ProblemFactory, UserFactory
from tests.backend.takehomes.conftest import client_for, hand_in_payload

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again once the with block ends


@pytest.fixture
def broker_down(monkeypatch):
    """The real Celery app, sending to a Redis URL where nothing listens."""
    app = current_app._get_current_object()

    def reset_pools() -> None:
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None

    reset_pools()
    monkeypatch.setattr(app.conf, "broker_url", f"redis://127.0.0.1:{closed_port()}/0")
    monkeypatch.setitem(app.conf, "broker_connection_retry", False)
    yield
    monkeypatch.undo()
    reset_pools()


def recovered_sends(kind: kinds.Kind, monkeypatch) -> list[int]:
    """The broker is back: record what the sweep sends (what Redis holds is nothing)."""
    sent: list[int] = []
    monkeypatch.setattr(kind.task, "apply_async", lambda args, **_: sent.append(args[0]))
    monkeypatch.setattr("backend.grading.broker.waiting_ids", lambda *a, **k: set())
    return sent


def test_a_coding_submission_is_201_and_queued_while_the_broker_is_down(
    broker_down, monkeypatch, django_capture_on_commit_callbacks
):
    ProblemFactory(slug="add_one")
    client = client_for(UserFactory())
    body = {"problem": "add_one", "code": "def add_one(x):\n    return x + 1\n", "mode": "run"}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/api/submissions/", body, format="json", HTTP_IDEMPOTENCY_KEY="k1")
        again = client.post("/api/submissions/", body, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert first.status_code == 201, first.content
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    row = Submission.objects.get()
    assert row.id == first.json()["id"] and row.status == JobStatus.QUEUED
    assert row.enqueued_at is None  # never sent: the next sweep need not wait for it
    kind = kinds.get("coding")
    sent = recovered_sends(kind, monkeypatch)
    assert sweep(kind) == 1 and sent == [row.id]


def test_a_design_hand_in_is_201_and_queued_while_the_broker_is_down(
    broker_down, prompt, user, monkeypatch, django_capture_on_commit_callbacks
):
    client = client_for(user)
    body = {"problem": prompt.slug, "write_up": "# My design", "spec_yaml": SPEC}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/design-submissions/", body, format="json",
                               HTTP_IDEMPOTENCY_KEY="d1")
        client.post("/api/design-submissions/", body, format="json", HTTP_IDEMPOTENCY_KEY="d1")
    assert response.status_code == 201, response.content
    kind = kinds.get("design")
    row = kind.model.objects.get()
    assert row.status == JobStatus.QUEUED and row.enqueued_at is None
    sent = recovered_sends(kind, monkeypatch)
    assert sweep(kind) == 1 and sent == [row.id]


def test_a_design_page_hand_in_redirects_to_its_report_while_the_broker_is_down(
    broker_down, prompt, user, django_capture_on_commit_callbacks
):
    client = client_for(user)
    form = {"write_up": "# Mine", "spec_mode": "yaml", "spec_yaml": SPEC,
            "idempotency_key": "page-1"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/design/{prompt.slug}/", form)
    row = kinds.get("design").model.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{row.pk}/")
    assert row.status == JobStatus.QUEUED


def test_a_take_home_hand_in_is_201_and_queued_while_the_broker_is_down(
    broker_down, assignment, candidate, package, monkeypatch, django_capture_on_commit_callbacks
):
    client = client_for(candidate)
    url = f"/api/assignments/{assignment.pk}/hand-ins/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, hand_in_payload(package), format="multipart",
                               HTTP_IDEMPOTENCY_KEY="t1")
    assert response.status_code == 201, response.content
    kind = kinds.get("takehome")
    row = kind.model.objects.get()
    assert row.status == JobStatus.QUEUED and row.enqueued_at is None
    sent = recovered_sends(kind, monkeypatch)
    assert sweep(kind) == 1 and sent == [row.id]


def test_a_sent_row_keeps_its_enqueued_time(monkeypatch, django_capture_on_commit_callbacks):
    """The unsent mark is only for what the broker refused."""
    ProblemFactory(slug="add_one")
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", lambda _id: None)
    client = client_for(UserFactory())
    body = {"problem": "add_one", "code": "x = 1\n", "mode": "run"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/api/submissions/", body, format="json").status_code == 201
    row = Submission.objects.get()
    assert row.enqueued_at is not None and row.enqueued_at <= timezone.now()


def test_while_the_broker_is_down_one_refused_send_spares_the_next_requests_the_wait(
    broker_down, monkeypatch, django_capture_on_commit_callbacks
):
    """A refused send blocks its request for Celery's publish retries; the requests after it
    in the same moment skip sending (their rows are marked unsent) instead of each paying it."""
    ProblemFactory(slug="add_one")
    kind = kinds.get("coding")
    tries: list[int] = []
    real_delay = kind.task.delay

    def counted_delay(job_id: int) -> object:
        tries.append(job_id)
        return real_delay(job_id)

    monkeypatch.setattr(kind.task, "delay", counted_delay)
    client = client_for(UserFactory())
    body = {"problem": "add_one", "code": "def add_one(x):\n    return x + 1\n", "mode": "run"}
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post("/api/submissions/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
                   for key in ("a", "b", "c")]
    assert [answer.status_code for answer in answers] == [201, 201, 201]
    assert len(tries) == 1
    rows = Submission.objects.all()
    assert rows.count() == 3
    assert all(row.status == JobStatus.QUEUED and row.enqueued_at is None for row in rows)


def test_sends_are_tried_again_once_the_pause_is_over(monkeypatch, settings):
    settings.CVPREP_BROKER_DOWN_SECONDS = 5
    clock = [1000.0]
    monkeypatch.setattr(broker.time, "monotonic", lambda: clock[0])
    sent: list[str] = []

    def refused() -> None:
        raise kombu.exceptions.OperationalError("Error 111 connecting: Connection refused")

    assert not broker.send_or_log(refused, "first")
    clock[0] += 4.9
    assert not broker.send_or_log(lambda: sent.append("skipped"), "second")
    clock[0] += 0.2
    assert broker.send_or_log(lambda: sent.append("third"), "third")
    assert sent == ["third"]
