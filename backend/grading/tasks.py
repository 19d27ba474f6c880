"""One grading task for every kind, and one sweep.

``grade_task(kind, name=...)`` declares a kind's task: the explicit name its messages carry
(routed to the kind's queue in settings.CELERY_TASK_ROUTES) on the one ``GradeTask`` base,
which owns the plumbing (claim, heartbeat, retries, failure, time limits); the kind provides
``grade(job, claim) -> Outcome``. Tasks take ids, not objects, and are safe to run twice.
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

import kombu.exceptions
import redis.exceptions
from celery import Task, shared_task
from django import db
from django.conf import settings

from backend.grading import kinds, lifecycle
from backend.grading.heartbeat import Heartbeat
from backend.grading.sweep import sweep

log = logging.getLogger(__name__)

# Errors of the services around grading, not of the job: retried with backoff.
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


class GradeTask(Task):  # type: ignore[misc]
    """The base of every kind's grading task; ``kind_name`` says which kind it grades."""

    kind_name: str = ""
    acks_late = True  # a task killed mid-grade is redelivered, not lost
    reject_on_worker_lost = True
    # A grade that hangs raises here, releasing the sandbox; the row goes back to the queue.
    soft_time_limit = settings.CELERY_TASK_SOFT_TIME_LIMIT
    time_limit = settings.CELERY_TASK_TIME_LIMIT


def _run(task: GradeTask, job_id: int) -> None:
    kind = kinds.get(task.kind_name)
    try:
        claimed = lifecycle.claim_next(kind, job_id)
    except TRANSIENT_ERRORS as error:
        raise _retry(task, error) from error
    if claimed is None:
        return  # nothing queued (finished already, or another worker holds it)
    job_id, token = claimed  # fair dispatch may choose another job than the message's
    try:
        _grade(kind, job_id, token)
    except TRANSIENT_ERRORS as error:
        # The database or the broker failed under us: give the row back and try again soon
        # (the sweep is the backstop when even that fails).
        _release_quietly(kind, job_id, token)
        raise _retry(task, error) from error
    except Exception as error:
        # Anything else (a soft time limit included) is not lost until the sweep: the row goes
        # back to the queue now, or fails for good once it has had its attempts.
        log.exception(
            "%s %s: grading raised", kind.name, job_id, extra={"kind": kind.name, "job_id": job_id}
        )
        reason = f"grading failed: {type(error).__name__}"
        if lifecycle.release(kind, job_id, token):
            attempts = (
                kind.model.objects.filter(pk=job_id).values_list("attempts", flat=True).first()
            ) or 0
            if attempts >= settings.CVPREP_MAX_ATTEMPTS:
                lifecycle.fail(kind, job_id, f"{reason} {attempts} times; giving up")
            else:
                lifecycle.resend(kind, job_id, countdown=backoff_seconds(attempts))


def _grade(kind: kinds.Kind, job_id: int, token: uuid.UUID) -> None:
    started = time.monotonic()
    job = kind.model.objects.select_related(*kind.select_related).get(pk=job_id)
    with Heartbeat(kind.model, job_id, token):
        outcome = kind.grade(job, kinds.Claim(job_id, token))
    if not lifecycle.finish(kind, job_id, token, outcome, started=started):
        log.warning(
            "%s %s: outcome discarded, the claim was taken over",
            kind.name,
            job_id,
            extra={"kind": kind.name, "job_id": job_id},
        )


def _retry(task: GradeTask, error: BaseException) -> Any:
    return task.retry(
        exc=error,
        countdown=backoff_seconds(task.request.retries),
        max_retries=MAX_TRANSIENT_RETRIES,
    )


def _release_quietly(kind: kinds.Kind, job_id: int, token: uuid.UUID) -> None:
    try:
        lifecycle.release(kind, job_id, token)
    except TRANSIENT_ERRORS:
        pass  # still down: the sweep takes the row back


def grade_task(kind_name: str, *, name: str) -> GradeTask:
    """A kind's grading task, named explicitly (its queue is routed by this name)."""

    def grade(self: GradeTask, job_id: int) -> None:
        _run(self, job_id)

    grade.__name__ = grade.__qualname__ = name.rsplit(".", 1)[-1]
    task: GradeTask = shared_task(bind=True, base=GradeTask, name=name, kind_name=kind_name)(
        grade
    )
    return task


@shared_task(name="backend.grading.tasks.sweep_stale_work")
def sweep_stale_work() -> int:
    """Every kind's sweep, on the maintenance queue (a hung grade cannot stop it)."""
    return sum(sweep(kind) for kind in kinds.all_kinds())
