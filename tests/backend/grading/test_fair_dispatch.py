"""Fair dispatch (backend/grading/dispatch.py): a grading message claims the next job by tier
and least-recently-served user, not the one it was sent for, and every job is still graded
exactly once whatever the order and number of deliveries."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from backend.grading import kinds
from backend.grading.kinds import Outcome
from backend.grading.models import JobStatus
from backend.grading.sweep import sweep
from backend.interviews.models import Interview, InterviewTemplate
from backend.takehomes.models import Assignment
from tests.backend.factories import (
    AssignmentFactory,
    DesignSubmissionFactory,
    HandInFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def job_of(kind_name: str, user, **fields):
    if kind_name == "takehome":
        assignment = Assignment.objects.filter(candidate=user).first() or AssignmentFactory(
            candidate=user
        )
        return HandInFactory(assignment=assignment, **fields)
    factory = SubmissionFactory if kind_name == "coding" else DesignSubmissionFactory
    return factory(owner=user, **fields)


@pytest.fixture(params=["coding", "design", "takehome"])
def kind(request) -> kinds.Kind:
    return kinds.get(request.param)


@pytest.fixture
def graded(monkeypatch) -> list[tuple[str, int]]:
    """Run each kind's real task with a grade that only records which job it was given."""
    order: list[tuple[str, int]] = []
    for kind in kinds.all_kinds():
        def grade(job, claim, name=kind.name):
            order.append((name, job.pk))
            return Outcome(fields={})

        # (and tells no one: live events and signals are not under test)
        quiet = dataclasses.replace(kind, grade=grade, on_finished=lambda job_id, outcome: None)
        monkeypatch.setitem(kinds._kinds, kind.name, quiet)
    return order


def deliver_in_order(kind: kinds.Kind, jobs) -> None:
    """The broker's FIFO: one message per job, in the order they were sent."""
    for job in jobs:
        kind.task(job.pk)


def test_a_second_users_one_job_does_not_wait_behind_anothers_hundred(kind, graded):
    flooder, newcomer = UserFactory(), UserFactory()
    flood = [job_of(kind.name, flooder) for _ in range(100)]
    single = job_of(kind.name, newcomer)
    deliver_in_order(kind, [*flood, single])
    ids = [job_id for _, job_id in graded]
    assert ids.index(single.pk) <= 1  # behind at most the one job already being graded
    assert sorted(ids) == sorted(job.pk for job in [*flood, single])


def test_fifo_when_fair_dispatch_is_off(settings, graded):
    settings.CVPREP_FAIR_DISPATCH = False
    kind = kinds.get("coding")
    flooder = UserFactory()
    flood = [job_of("coding", flooder) for _ in range(20)]
    single = job_of("coding", UserFactory())
    deliver_in_order(kind, [*flood, single])
    assert [job_id for _, job_id in graded][-1] == single.pk


def test_users_with_backlogs_take_turns(kind, graded):
    first, second = UserFactory(), UserFactory()
    jobs = [job_of(kind.name, first) for _ in range(3)] + [
        job_of(kind.name, second) for _ in range(3)
    ]
    deliver_in_order(kind, jobs)
    owners = ["first" if job_id in {j.pk for j in jobs[:3]} else "second" for _, job_id in graded]
    assert owners == ["first", "second"] * 3


def test_interview_work_then_sample_runs_then_full_submits(graded):
    kind = kinds.get("coding")
    submit = job_of("coding", UserFactory(), mode="submit")
    run = job_of("coding", UserFactory(), mode="run")
    candidate = UserFactory()
    round_ = Interview.objects.create(
        candidate=candidate,
        template=InterviewTemplate.objects.create(name="Round", duration_minutes=10),
        deadline=timezone.now() + timedelta(minutes=10),
    )
    interview = job_of("coding", candidate, mode="submit", interview=round_)
    deliver_in_order(kind, [submit, run, interview])
    assert [job_id for _, job_id in graded] == [interview.pk, run.pk, submit.pk]


def test_every_job_is_graded_once_through_duplicate_and_spare_deliveries(kind, graded):
    users = [UserFactory() for _ in range(3)]
    jobs = [job_of(kind.name, users[i % 3]) for i in range(12)]
    deliver_in_order(kind, jobs[:6])
    deliver_in_order(kind, jobs)  # every message again: redeliveries and the sweep's resends
    deliver_in_order(kind, jobs[6:])
    assert Counter(job_id for _, job_id in graded) == Counter(job.pk for job in jobs)
    assert set(kind.model.objects.values_list("status", flat=True)) == {JobStatus.DONE}


def test_a_user_served_long_ago_goes_before_one_served_just_now(graded):
    kind = kinds.get("coding")
    recent, earlier = UserFactory(), UserFactory()
    now = timezone.now()
    job_of("coding", recent, status=JobStatus.DONE, started_at=now)
    job_of("coding", earlier, status=JobStatus.DONE, started_at=now - timedelta(hours=1))
    mine = job_of("coding", recent)
    theirs = job_of("coding", earlier)
    deliver_in_order(kind, [mine, theirs])
    assert [job_id for _, job_id in graded] == [theirs.pk, mine.pk]


def test_the_sweep_counts_a_waiting_message_for_a_claimed_job_as_covering_a_lost_one(
    monkeypatch, settings
):
    kind = kinds.get("coding")
    long_ago = timezone.now() - timedelta(hours=1)
    claimed = job_of("coding", UserFactory(), status=JobStatus.RUNNING, started_at=timezone.now(),
                     heartbeat_at=timezone.now())
    lost = job_of("coding", UserFactory(), enqueued_at=long_ago)
    sent: list[int] = []
    monkeypatch.setattr(kind.task, "apply_async", lambda args, **_: sent.append(args[0]))
    monkeypatch.setattr("backend.grading.broker.waiting_ids", lambda *a, **k: {claimed.pk})
    assert sweep(kind) == 0 and sent == []  # the waiting message will claim `lost`
    settings.CVPREP_FAIR_DISPATCH = False
    kind.model.objects.filter(pk=lost.pk).update(enqueued_at=long_ago)
    assert sweep(kind) == 1 and sent == [lost.pk]  # under FIFO it is for `claimed` only


def test_a_message_that_claims_another_job_hands_that_jobs_enqueued_time_to_its_own(
    graded, monkeypatch, settings
):
    """After a broker restart: a lost job's message is gone; a re-sent job's message claims
    the lost one (fair order); the re-sent job is then the one without a message, and the next
    sweep sends it instead of waiting out the stale period on its fresh enqueued_at."""
    kind = kinds.get("coding")
    long_ago = timezone.now() - timedelta(hours=1)
    lost = job_of("coding", UserFactory(), enqueued_at=long_ago)
    resent = job_of("coding", UserFactory(), enqueued_at=timezone.now())
    kind.task(resent.pk)
    assert graded == [("coding", lost.pk)]
    assert kind.model.objects.get(pk=resent.pk).enqueued_at == long_ago
    sent: list[int] = []
    monkeypatch.setattr(kind.task, "apply_async", lambda args, **_: sent.append(args[0]))
    monkeypatch.setattr("backend.grading.broker.waiting_ids", lambda *a, **k: set())
    assert sweep(kind) == 1 and sent == [resent.pk]
