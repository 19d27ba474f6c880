"""The one sweep, for every registered kind of graded work: what the queue lost is re-sent
oldest first at the recovery priority, a silent or overdue running row is taken back, a row
out of attempts fails, and what the broker still holds is left alone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from backend.grading import kinds
from backend.grading.models import JobStatus
from backend.grading.sweep import sweep
from tests.backend.factories import (
    DesignSubmissionFactory,
    HandInFactory,
    ModelHandInFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    "coding": SubmissionFactory,
    "design": DesignSubmissionFactory,
    "takehome": HandInFactory,
    "takehome_model": ModelHandInFactory,
}


def test_every_kind_has_a_factory_here():
    assert {kind.name for kind in kinds.all_kinds()} == set(FACTORIES)


@pytest.fixture(params=sorted(FACTORIES))
def kind(request) -> kinds.Kind:
    return kinds.get(request.param)


@pytest.fixture
def sent(kind, monkeypatch) -> list[tuple[int, int | None]]:
    resent: list[tuple[int, int | None]] = []
    def apply_async(args, priority=None, **options):
        resent.append((args[0], priority))

    monkeypatch.setattr(kind.task, "apply_async", apply_async)
    monkeypatch.setattr("backend.grading.broker.waiting_ids", lambda *a, **k: None)
    return resent


def make(kind: kinds.Kind, **fields):
    return FACTORIES[kind.name](**fields)


def test_lost_and_stuck_work_is_resent_oldest_first_ahead_of_new_work(kind, sent, settings):
    long_ago = timezone.now() - timedelta(hours=1)
    make(kind, enqueued_at=timezone.now())  # fresh: its message is on its way
    lost = [make(kind, enqueued_at=long_ago) for _ in range(2)]
    stuck = make(kind, status=JobStatus.RUNNING, started_at=long_ago, attempts=1)
    assert sweep(kind) == 3
    assert [job_id for job_id, _ in sent] == [lost[0].id, lost[1].id, stuck.id]
    assert {priority for _, priority in sent} == {settings.CVPREP_RECOVERY_PRIORITY}
    stuck.refresh_from_db()
    assert stuck.status == JobStatus.QUEUED and stuck.claim is None
    assert sweep(kind) == 0  # just re-sent: not stale any more


def test_a_running_row_whose_worker_fell_silent_is_taken_back(kind, sent, settings):
    now = timezone.now()
    silent_for = timedelta(seconds=settings.CVPREP_HEARTBEAT_STALE_SECONDS + 5)
    killed = make(kind, status=JobStatus.RUNNING, started_at=now - silent_for,
                  heartbeat_at=now - silent_for, attempts=1)
    alive = make(kind, status=JobStatus.RUNNING, started_at=now - silent_for,
                 heartbeat_at=now, attempts=1)
    sweep(kind)
    assert [job_id for job_id, _ in sent] == [killed.id]
    alive.refresh_from_db()
    assert alive.status == JobStatus.RUNNING


def test_a_row_out_of_attempts_fails_with_the_reason(kind, sent, settings):
    settings.CVPREP_MAX_ATTEMPTS = 2
    long_ago = timezone.now() - timedelta(hours=1)
    stuck = make(kind, status=JobStatus.RUNNING, started_at=long_ago, attempts=2)
    assert sweep(kind) == 0 and sent == []
    stuck.refresh_from_db()
    failed = kind.failed_fields("x")
    assert stuck.status == failed["status"] and stuck.finished_at is not None


def test_what_the_broker_still_holds_is_not_resent(kind, sent, monkeypatch, settings):
    long_ago = timezone.now() - timedelta(hours=1)
    waiting = make(kind, enqueued_at=long_ago)
    lost = make(kind, enqueued_at=long_ago)
    asked: list[tuple[str, str]] = []

    def held(task_name: str, queue: str) -> set[int]:
        asked.append((task_name, queue))
        return {waiting.id}

    monkeypatch.setattr("backend.grading.broker.waiting_ids", held)
    sweep(kind)
    assert sent and [job_id for job_id, _ in sent] == [lost.id]
    assert asked == [(kind.task.name, settings.CVPREP_GRADING_QUEUES[kind.task.name])]
