"""The task claims its row, grades through graders/, stores exactly one result; the sweep
re-enqueues what the queue lost."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from backend.catalog.models import Problem
from backend.grading import kinds, lifecycle
from backend.grading.sweep import sweep
from backend.submissions import kind
from backend.submissions.models import Submission
from backend.submissions.tasks import grade_submission
from tests.backend.factories import SubmissionFactory
from tests.graders.conftest import require_sandbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_one(problems_root) -> Problem:
    require_sandbox()
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    return Problem.objects.get(slug="add_one")


def test_task_grades_and_stores_the_verdict(add_one):
    submission = SubmissionFactory(problem=add_one, code="def add_one(x):\n    return x + 1\n")
    grade_submission(submission.id)
    submission.refresh_from_db()
    assert submission.status == "done" and submission.verdict == "accepted"
    assert submission.score == 1.0 and submission.attempts == 1
    assert [case["name"] for case in submission.progress] == ["example", "big", "empty"]


def test_wrong_answer_names_the_failing_case(add_one):
    submission = SubmissionFactory(
        problem=add_one, code="def add_one(x):\n    return x\n", mode="run"
    )
    grade_submission(submission.id)
    submission.refresh_from_db()
    first = submission.result["cases"][0]
    assert submission.verdict == "wrong_answer"
    assert first["name"] == "example" and "expected" in first["message"]


def test_running_the_task_twice_leaves_one_result(add_one):
    submission = SubmissionFactory(problem=add_one, code="def add_one(x):\n    return x + 1\n")
    grade_submission(submission.id)
    finished = Submission.objects.get(id=submission.id).finished_at
    grade_submission(submission.id)
    again = Submission.objects.get(id=submission.id)
    assert again.attempts == 1 and again.finished_at == finished


def test_a_done_submission_is_never_regraded(add_one):
    submission = SubmissionFactory(problem=add_one, status="done", verdict="accepted", score=1.0)
    grade_submission(submission.id)
    submission.refresh_from_db()
    assert submission.attempts == 0 and submission.verdict == "accepted"


def test_a_stale_claim_cannot_store_its_result(add_one):
    submission = SubmissionFactory(problem=add_one)
    coding = kinds.get("coding")
    old_claim = lifecycle.claim(coding, submission.id)
    Submission.objects.filter(id=submission.id).update(status="queued", claim=None)
    new_claim = lifecycle.claim(coding, submission.id)
    outcome = kind.outcome({"verdict": "accepted", "score": 1.0}, {})
    assert lifecycle.finish(coding, submission.id, old_claim, outcome) is False
    assert lifecycle.finish(coding, submission.id, new_claim, outcome) is True
    assert lifecycle.finish(coding, submission.id, new_claim, outcome) is False


def test_sweep_reenqueues_stale_queued_and_running(add_one, monkeypatch, settings, empty_broker):
    sent: list[int] = []
    monkeypatch.setattr(
        "backend.submissions.tasks.grade_submission.apply_async",
        lambda args, **_: sent.append(args[0]),
    )
    long_ago = timezone.now() - timedelta(hours=1)
    fresh = SubmissionFactory(problem=add_one, enqueued_at=timezone.now())
    lost = SubmissionFactory(problem=add_one, enqueued_at=long_ago)
    stuck = SubmissionFactory(problem=add_one, status="running", started_at=long_ago, attempts=1)
    assert sweep(kinds.get("coding")) == 2
    assert sorted(sent) == sorted([lost.id, stuck.id])
    stuck.refresh_from_db()
    assert stuck.status == "queued" and stuck.claim is None
    fresh.refresh_from_db()
    assert fresh.status == "queued"


def test_sweep_gives_up_after_max_attempts(add_one, settings):
    settings.CVPREP_MAX_ATTEMPTS = 2
    long_ago = timezone.now() - timedelta(hours=1)
    stuck = SubmissionFactory(problem=add_one, status="running", started_at=long_ago, attempts=2)
    sweep(kinds.get("coding"))
    stuck.refresh_from_db()
    assert stuck.status == "done" and stuck.verdict == "internal_error"
    assert "2 times" in stuck.result["message"]


def test_sandbox_missing_is_an_internal_error_with_a_message(add_one, monkeypatch):
    from graders.sandbox.bwrap import SandboxUnavailable

    def unavailable(*args, **kwargs):
        raise SandboxUnavailable("bubblewrap (bwrap) is not installed")

    monkeypatch.setattr("graders.grade", unavailable)
    submission = SubmissionFactory(problem=add_one)
    grade_submission(submission.id)
    submission.refresh_from_db()
    assert submission.verdict == "internal_error" and "bubblewrap" in submission.result["message"]


def test_every_task_has_soft_and_hard_time_limits():
    from backend.config.celery import app

    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit


def test_the_sweep_resends_oldest_first_ahead_of_new_work(
    add_one, monkeypatch, settings, empty_broker
):
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(
        "backend.submissions.tasks.grade_submission.apply_async",
        lambda args, priority=None, **_: sent.append((args[0], priority)),
    )
    long_ago = timezone.now() - timedelta(hours=1)
    lost = [SubmissionFactory(problem=add_one, enqueued_at=long_ago) for _ in range(3)]
    stuck = SubmissionFactory(problem=add_one, status="running", started_at=long_ago, attempts=1)
    sweep(kinds.get("coding"))
    assert [submission_id for submission_id, _ in sent] == [*(s.id for s in lost), stuck.id]
    assert {priority for _, priority in sent} == {settings.CVPREP_RECOVERY_PRIORITY}
    assert settings.CVPREP_RECOVERY_PRIORITY < settings.CELERY_TASK_DEFAULT_PRIORITY


@pytest.mark.parametrize(
    "task",
    [
        "backend.grading.tasks.sweep_stale_work",
        "backend.interviews.tasks.finish_due_interviews",
    ],
)
def test_recovery_runs_on_its_own_queue_apart_from_grading(task):
    from backend.config.celery import app

    assert app.amqp.router.route({}, task)["queue"].name == "maintenance"
    grading = app.amqp.router.route({}, "backend.submissions.tasks.grade_submission")
    assert grading["queue"].name == "celery"


def test_a_database_failure_mid_grade_gives_the_row_back_and_retries(add_one, monkeypatch):
    from django.db import OperationalError

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("backend.submissions.grading.run", database_gone)
    submission = SubmissionFactory(problem=add_one)
    # called directly, Celery's retry re-raises the error instead of sending a message
    with pytest.raises(OperationalError):
        grade_submission(submission.id)
    submission.refresh_from_db()
    assert submission.status == "queued" and submission.claim is None


def test_a_grade_that_raises_is_sent_again_at_once_not_lost_until_the_sweep(
    add_one, monkeypatch, settings
):
    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(
        "backend.submissions.tasks.grade_submission.apply_async",
        lambda args, priority=None, **_: sent.append((args[0], priority)),
    )
    monkeypatch.setattr(
        "backend.submissions.grading.run", lambda *a, **k: (_ for _ in ()).throw(KeyError("x"))
    )
    submission = SubmissionFactory(problem=add_one)
    grade_submission(submission.id)
    submission.refresh_from_db()
    assert submission.status == "queued" and submission.attempts == 1
    assert sent == [(submission.id, settings.CVPREP_RECOVERY_PRIORITY)]


def test_a_grade_that_keeps_raising_fails_once_its_attempts_are_spent(
    add_one, monkeypatch, settings
):
    settings.CVPREP_MAX_ATTEMPTS = 1
    monkeypatch.setattr(
        "backend.submissions.grading.run", lambda *a, **k: (_ for _ in ()).throw(KeyError("x"))
    )
    submission = SubmissionFactory(problem=add_one)
    grade_submission(submission.id)
    submission.refresh_from_db()
    assert submission.status == "done" and submission.verdict == "internal_error"
    assert "KeyError" in submission.result["message"]


def test_a_running_row_whose_worker_fell_silent_is_taken_back_within_its_bound(
    add_one, monkeypatch, settings
):
    sent: list[int] = []
    monkeypatch.setattr(
        "backend.submissions.tasks.grade_submission.apply_async",
        lambda args, **_: sent.append(args[0]),
    )
    now = timezone.now()
    silent_for = timedelta(seconds=settings.CVPREP_HEARTBEAT_STALE_SECONDS + 5)
    killed = SubmissionFactory(
        problem=add_one,
        status="running",
        started_at=now - silent_for,
        heartbeat_at=now - silent_for,
        attempts=1,
    )
    alive = SubmissionFactory(
        problem=add_one,
        status="running",
        started_at=now - silent_for,
        heartbeat_at=now,
        attempts=1,
    )
    sweep(kinds.get("coding"))
    assert sent == [killed.id]
    killed.refresh_from_db()
    alive.refresh_from_db()
    assert killed.status == "queued" and alive.status == "running"


def test_grading_writes_a_heartbeat_on_its_row(add_one):
    submission = SubmissionFactory(problem=add_one, code="def add_one(x):\n    return x + 1\n")
    grade_submission(submission.id)
    submission.refresh_from_db()
    assert submission.status == "done" and submission.heartbeat_at is not None


def test_the_sweep_does_not_resend_what_the_broker_still_holds(add_one, monkeypatch):
    sent: list[int] = []
    monkeypatch.setattr(
        "backend.submissions.tasks.grade_submission.apply_async",
        lambda args, **_: sent.append(args[0]),
    )
    long_ago = timezone.now() - timedelta(hours=1)
    waiting = SubmissionFactory(problem=add_one, enqueued_at=long_ago)
    lost = SubmissionFactory(problem=add_one, enqueued_at=long_ago)
    monkeypatch.setattr("backend.grading.broker.waiting_ids", lambda *a, **k: {waiting.id})
    sweep(kinds.get("coding"))
    assert sent == [lost.id]


def test_the_broker_inventory_reads_task_ids_off_every_priority_list(monkeypatch, settings):
    import json

    from backend.grading import broker

    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"

    def message(task: str, argsrepr: str) -> bytes:
        return json.dumps({"body": "", "headers": {"task": task, "argsrepr": argsrepr}}).encode()

    grade = "backend.submissions.tasks.grade_submission"
    lists = {
        "celery": [message(grade, "(7,)")],
        "celery:6": [message(grade, "(8,)"), message("backend.designs.tasks.grade_design", "(9,)")],
    }

    class FakeRedis:
        def lrange(self, key, start, end):
            return lists.get(key, [])

    monkeypatch.setattr(broker, "redis_client", lambda: FakeRedis())
    assert broker.waiting_ids(grade) == {7, 8}
    settings.CELERY_BROKER_URL = "amqp://guest@localhost//"
    assert broker.waiting_ids(grade) is None
