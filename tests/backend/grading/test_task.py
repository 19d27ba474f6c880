"""The one grading task, for every registered kind: it claims before work, writes a heartbeat
while it grades, stores one outcome, gives a row back on a database error, and re-sends a
grade that raised at once (or fails it once its attempts are spent)."""

import dataclasses

import pytest
from django.db import OperationalError

from backend.grading import kinds
from backend.grading.kinds import Outcome
from backend.grading.models import JobStatus
from tests.backend.grading.test_sweep import FACTORIES

pytestmark = pytest.mark.django_db


@pytest.fixture(params=sorted(FACTORIES))
def kind(request) -> kinds.Kind:
    return kinds.get(request.param)


@pytest.fixture
def sent(kind, monkeypatch) -> list[tuple[int, int | None]]:
    resent: list[tuple[int, int | None]] = []

    def apply_async(args, priority=None, **options):
        resent.append((args[0], priority))

    monkeypatch.setattr(kind.task, "apply_async", apply_async)
    return resent


def grading_with(kind: kinds.Kind, monkeypatch, grade) -> None:
    monkeypatch.setitem(kinds._kinds, kind.name, dataclasses.replace(kind, grade=grade))


def test_the_task_claims_beats_and_stores_one_outcome(kind, monkeypatch):
    job = FACTORIES[kind.name]()
    seen: list[object] = []

    def grade(row, claim):
        current = kind.model.objects.get(id=row.id)
        seen.append((current.status, current.heartbeat_at is not None, claim.job_id))
        return Outcome(fields={})

    grading_with(kind, monkeypatch, grade)
    kind.task(job.id)
    kind.task(job.id)  # a duplicate delivery does nothing
    job.refresh_from_db()
    assert seen == [(JobStatus.RUNNING, True, job.id)]
    assert job.status == JobStatus.DONE and job.attempts == 1 and job.finished_at is not None


def test_a_database_failure_mid_grade_gives_the_row_back_and_retries(kind, monkeypatch):
    job = FACTORIES[kind.name]()

    def grade(row, claim):
        raise OperationalError("server closed the connection unexpectedly")

    grading_with(kind, monkeypatch, grade)
    with pytest.raises(OperationalError):  # called directly, Celery's retry re-raises
        kind.task(job.id)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.claim is None


def test_a_grade_that_raises_is_sent_again_at_once(kind, monkeypatch, sent, settings):
    job = FACTORIES[kind.name]()
    grading_with(kind, monkeypatch, lambda row, claim: {}["missing"])
    kind.task(job.id)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.attempts == 1
    assert sent == [(job.id, settings.CVPREP_RECOVERY_PRIORITY)]


def test_a_grade_that_keeps_raising_fails_once_its_attempts_are_spent(kind, monkeypatch, settings):
    settings.CVPREP_MAX_ATTEMPTS = 1
    job = FACTORIES[kind.name]()
    grading_with(kind, monkeypatch, lambda row, claim: {}["missing"])
    kind.task(job.id)
    job.refresh_from_db()
    assert job.status == kind.failed_fields("x")["status"] and job.finished_at is not None


def test_every_kind_has_its_own_queue_and_time_limits(kind, settings):
    from backend.config.celery import app

    route = app.amqp.router.route({}, kind.task.name)
    assert route["queue"].name == settings.CVPREP_GRADING_QUEUES[kind.task.name]
    assert route["queue"].name != "maintenance"
    assert 0 < kind.task.soft_time_limit < kind.task.time_limit
