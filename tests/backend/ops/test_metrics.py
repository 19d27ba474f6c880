"""/metrics: who may read it, the queue depth per queue, grading time and verdicts per kind,
and the 429/503 answers counted by route."""

from __future__ import annotations

import uuid

import pytest
from asgiref.sync import async_to_sync
from django.http import HttpResponse
from django.test import Client, RequestFactory
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from backend.config.shedding import SHED_ROUTE, ShedLoad
from backend.grading import kinds, lifecycle
from backend.grading.kinds import Outcome
from backend.grading.models import JobStatus
from backend.ops.middleware import RefusalCountMiddleware
from tests.backend.factories import SubmissionFactory, UserFactory
from tests.backend.grading.test_sweep import FACTORIES
from tests.backend.ops.test_health import closed_port

pytestmark = pytest.mark.django_db

ELSEWHERE = "203.0.113.7"  # not this host


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def no_broker(settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"


def test_metrics_are_refused_to_anyone_not_allowed(settings):
    settings.CVPREP_METRICS_TOKEN = "s3cret"
    assert Client(REMOTE_ADDR=ELSEWHERE).get("/metrics").status_code == 404
    candidate = Client(REMOTE_ADDR=ELSEWHERE)
    candidate.force_login(UserFactory())
    assert candidate.get("/metrics").status_code == 404
    wrong = Client(REMOTE_ADDR=ELSEWHERE, HTTP_AUTHORIZATION="Bearer guess")
    assert wrong.get("/metrics").status_code == 404


def test_metrics_answer_staff_a_token_and_this_host(settings, no_broker):
    settings.CVPREP_METRICS_TOKEN = "s3cret"
    staff = Client(REMOTE_ADDR=ELSEWHERE)
    staff.force_login(UserFactory(is_staff=True))
    token = Client(REMOTE_ADDR=ELSEWHERE, HTTP_AUTHORIZATION="Bearer s3cret")
    for client in (staff, token, Client(REMOTE_ADDR="127.0.0.1")):
        response = client.get("/metrics")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        assert "django_http_requests_latency_seconds_by_view_method" in response.content.decode()


def test_no_token_configured_lets_no_bearer_in(settings):
    settings.CVPREP_METRICS_TOKEN = ""
    response = Client(REMOTE_ADDR=ELSEWHERE, HTTP_AUTHORIZATION="Bearer ").get("/metrics")
    assert response.status_code == 404


def test_queue_depth_counts_queued_rows_per_queue_and_kind(no_broker):
    SubmissionFactory.create_batch(2, status=JobStatus.QUEUED)
    SubmissionFactory(status=JobStatus.RUNNING)
    SubmissionFactory(status=JobStatus.DONE)
    FACTORIES["design"](status=JobStatus.QUEUED)
    found = samples(Client().get("/metrics").content.decode())
    assert found[("cvprep_queue_depth", (("kind", "coding"), ("queue", "celery")))] == 2
    assert found[("cvprep_queue_depth", (("kind", "design"), ("queue", "design")))] == 1
    assert found[("cvprep_queue_depth", (("kind", "takehome"), ("queue", "takehome")))] == 0
    assert found[("cvprep_jobs_running", (("kind", "coding"),))] == 1


def test_a_finished_grade_is_timed_and_its_verdict_counted(monkeypatch):
    kind = kinds.get("coding")
    monkeypatch.setattr("backend.grading.lifecycle.time.monotonic", lambda: 100.0)
    job = SubmissionFactory(status=JobStatus.QUEUED)
    token = lifecycle.claim(kind, job.id)
    assert token is not None
    before_count = value("cvprep_grading_seconds_count", kind="coding")
    before_sum = value("cvprep_grading_seconds_sum", kind="coding")
    before_verdict = value("cvprep_grading_verdicts_total", kind="coding", verdict="accepted")
    outcome = Outcome(fields={"verdict": "accepted", "score": 1.0, "result": {"cases": []}})
    assert lifecycle.finish(kind, job.id, token, outcome, started=97.5)
    assert value("cvprep_grading_seconds_count", kind="coding") == before_count + 1
    assert value("cvprep_grading_seconds_sum", kind="coding") == pytest.approx(before_sum + 2.5)
    assert (
        value("cvprep_grading_verdicts_total", kind="coding", verdict="accepted")
        == before_verdict + 1
    )
    # A duplicate finish stores nothing, and counts nothing.
    assert not lifecycle.finish(kind, job.id, token, outcome, started=97.5)
    assert value("cvprep_grading_seconds_count", kind="coding") == before_count + 1


def test_a_kind_without_verdicts_counts_its_status_and_a_failure_counts_once():
    design = kinds.get("design")
    job = FACTORIES["design"](status=JobStatus.QUEUED)
    before = value("cvprep_grading_verdicts_total", kind="design", verdict="failed")
    assert lifecycle.fail(design, job.id, "grading failed 3 times; giving up")
    assert not lifecycle.fail(design, job.id, "again")
    assert value("cvprep_grading_verdicts_total", kind="design", verdict="failed") == before + 1
    coding = kinds.get("coding")
    submission = SubmissionFactory(status=JobStatus.QUEUED)
    before = value("cvprep_grading_verdicts_total", kind="coding", verdict="internal_error")
    assert lifecycle.fail(coding, submission.id, "giving up")
    assert (
        value("cvprep_grading_verdicts_total", kind="coding", verdict="internal_error")
        == before + 1
    )


@pytest.mark.parametrize("status", [429, 503])
def test_refusals_are_counted_by_status_and_route(status):
    request = RequestFactory().post("/api/submissions/")
    request.resolver_match = type("Match", (), {"view_name": "api-submission-list"})()
    before = value("cvprep_http_refusals_total", status=str(status), route="api-submission-list")
    RefusalCountMiddleware(lambda request: HttpResponse(status=status))(request)
    RefusalCountMiddleware(lambda request: HttpResponse(status=201))(request)
    after = value("cvprep_http_refusals_total", status=str(status), route="api-submission-list")
    assert after == before + 1


def test_an_unready_answer_through_the_stack_is_counted(no_broker):
    before = value("cvprep_http_refusals_total", status="503", route="readyz")
    assert Client().get("/readyz").status_code == 503
    assert value("cvprep_http_refusals_total", status="503", route="readyz") == before + 1


def test_claim_and_finish_log_the_kind_and_id_as_fields(caplog):
    kind = kinds.get("coding")
    job = SubmissionFactory(status=JobStatus.QUEUED)
    with caplog.at_level("INFO", logger="backend.grading.lifecycle"):
        token = lifecycle.claim(kind, job.id)
        assert token is not None and not lifecycle.finish(kind, job.id, uuid.uuid4(), Outcome({}))
        lifecycle.finish(kind, job.id, token, Outcome({"verdict": "accepted"}))
    events = [(record.getMessage(), record.kind, record.job_id) for record in caplog.records]
    assert events == [
        (f"coding {job.id}: claimed", "coding", job.id),
        (f"coding {job.id}: finished, accepted", "coding", job.id),
    ]


def test_a_request_shed_before_django_is_counted_too():
    shed = ShedLoad(lambda scope, receive, send: None, limit=1, retry_after=3)  # type: ignore[arg-type]
    shed.in_flight = 1  # at capacity
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    before = value("cvprep_http_refusals_total", status="503", route=SHED_ROUTE)
    async_to_sync(shed)({"type": "http", "path": "/api/submissions/"}, None, send)
    assert sent[0]["status"] == 503
    assert value("cvprep_http_refusals_total", status="503", route=SHED_ROUTE) == before + 1
