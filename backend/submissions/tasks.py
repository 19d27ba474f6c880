"""Celery tasks: thin, take ids, safe to run twice."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

import kombu.exceptions
import redis.exceptions
from celery import Task, shared_task
from django import db
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from backend.submissions import broker, grading, services, signals
from backend.submissions.heartbeat import Heartbeat
from backend.submissions.models import Submission

log = logging.getLogger(__name__)


# Errors of the services around grading, not of the submission: retried with backoff.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    db.OperationalError,
    db.InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError,
)
MAX_TRANSIENT_RETRIES = 5


def backoff_seconds(retries: int) -> float:
    return float(min(2**retries, 60))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def grade_submission(self: Task, submission_id: int) -> None:
    try:
        token = services.claim(submission_id)
    except TRANSIENT_ERRORS as error:
        raise self.retry(
            exc=error,
            countdown=backoff_seconds(self.request.retries),
            max_retries=MAX_TRANSIENT_RETRIES,
        ) from error
    if token is None:
        return  # done already, or another worker holds it
    try:
        _grade(submission_id, token)
    except TRANSIENT_ERRORS as error:
        # The database or the broker failed under us: give the row back and try again soon
        # (the sweep is the backstop when even that fails).
        _release_quietly(submission_id, token)
        raise self.retry(
            exc=error,
            countdown=backoff_seconds(self.request.retries),
            max_retries=MAX_TRANSIENT_RETRIES,
        ) from error
    except Exception as error:
        # Anything else (a soft time limit included) is not lost until the sweep: the row goes
        # back to the queue now, or fails for good once it has had its attempts.
        log.exception("submission %s: grading raised", submission_id)
        reason = f"grading failed: {type(error).__name__}"
        if services.release(submission_id, token):
            attempts = (
                Submission.objects.filter(id=submission_id)
                .values_list("attempts", flat=True)
                .first()
            )
            if (attempts or 0) >= settings.CVPREP_MAX_ATTEMPTS:
                services.fail_permanently(
                    Submission(id=submission_id), f"{reason} {attempts} times; giving up"
                )
            else:
                resend(submission_id, countdown=backoff_seconds(attempts or 0))


def _grade(submission_id: int, token: uuid.UUID) -> None:
    submission = Submission.objects.select_related("problem").get(id=submission_id)
    with Heartbeat(submission_id, token):
        result, pictures = grading.run(
            submission, on_case=services.ProgressRecorder(submission_id, token)
        )
    if services.store_result(submission_id, token, result):
        services.store_pictures(submission_id, pictures)
        signals.results_visible.send_robust(Submission, submission_ids=[submission_id])
    else:
        log.warning("submission %s: result discarded, the claim was taken over", submission_id)


def _release_quietly(submission_id: int, token: uuid.UUID) -> None:
    try:
        services.release(submission_id, token)
    except TRANSIENT_ERRORS:
        pass  # still down: the sweep takes the row back after its running bound


def resend(submission_id: int, countdown: float = 0.0) -> None:
    """Send again what the queue lost, at the priority that puts it ahead of the backlog."""
    grade_submission.apply_async(
        (submission_id,), priority=settings.CVPREP_RECOVERY_PRIORITY, countdown=countdown or None
    )


def running_bound_seconds(submission: Submission) -> float:
    """How long grading may honestly take: every case at its wall limit, plus a margin."""
    problem = submission.problem
    cases = (
        problem.case_count if submission.mode == Submission.Mode.SUBMIT else len(problem.samples)
    )
    return max(cases, 1) * (problem.time_limit * 2 + 1) + settings.CVPREP_STALE_RUNNING_MARGIN


@shared_task
def sweep_stale_submissions() -> int:
    """Re-enqueue what the queue lost (a Redis restart, a killed worker). The database decides."""
    now = timezone.now()
    requeued = 0
    queued_cutoff = now - timedelta(seconds=settings.CVPREP_STALE_QUEUED_SECONDS)
    stale_queued = Submission.objects.filter(status=Submission.Status.QUEUED).filter(
        Q(enqueued_at__lt=queued_cutoff) | Q(enqueued_at__isnull=True)
    )
    # What merely waits behind a long queue is still in the broker: sending it again would
    # only multiply deliveries. The rest goes oldest first (the model's default order is newest
    # first), ahead of new work.
    waiting = broker.waiting_ids(grade_submission.name) or set()
    for submission in stale_queued.select_related("problem").order_by("created_at"):
        if submission.id in waiting:
            continue
        if Submission.objects.filter(
            id=submission.id, status=Submission.Status.QUEUED, enqueued_at=submission.enqueued_at
        ).update(enqueued_at=now):
            resend(submission.id)
            requeued += 1
    running = Submission.objects.filter(status=Submission.Status.RUNNING)
    for submission in running.select_related("problem").order_by("created_at"):
        started = submission.started_at or submission.created_at
        pulse = submission.heartbeat_at or started
        silent = (now - pulse).total_seconds() > settings.CVPREP_HEARTBEAT_STALE_SECONDS
        if not silent and (now - started).total_seconds() < running_bound_seconds(submission):
            continue  # its worker is alive and within the submission's time bound
        if submission.attempts >= settings.CVPREP_MAX_ATTEMPTS:
            services.fail_permanently(
                submission, f"grading failed {submission.attempts} times; giving up"
            )
            continue
        # Release the stale claim; its worker, if it ever comes back, can no longer store a result.
        if Submission.objects.filter(
            id=submission.id, status=Submission.Status.RUNNING, claim=submission.claim
        ).update(status=Submission.Status.QUEUED, claim=None, enqueued_at=now):
            resend(submission.id)
            requeued += 1
    if requeued:
        log.info("sweep re-enqueued %d submissions", requeued)
    return requeued
