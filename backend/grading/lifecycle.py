"""Claim, finish, release, fail: every write to a graded job's status, for every kind.

Each is one conditional UPDATE, so a duplicate delivery, a stale worker or a sweep running
at the same moment changes nothing it should not (claim before work). Each change that took
is logged with the work's kind and id as structured fields (``extra``: ``kind``, ``job_id``),
which LOG_FORMAT=json prints as keys of their own.
"""

from __future__ import annotations

import logging
import time
import uuid

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Subquery
from django.utils import timezone

from backend.grading import artifacts, broker, dispatch, metrics
from backend.grading.kinds import Kind, Outcome
from backend.grading.models import JobStatus
from graders.jsonsafe import json_safe

log = logging.getLogger(__name__)


def _fields(kind: Kind, job_id: int, **more: object) -> dict[str, object]:
    return {"kind": kind.name, "job_id": job_id, **more}


def enqueue(kind: Kind, job_id: int) -> None:
    """Send the job to its queue once the row is committed: a worker never looks for a row
    that is not there yet. The committed row is accepted work whatever the broker does."""
    transaction.on_commit(lambda: _send(kind, job_id))


def _send(kind: Kind, job_id: int) -> None:
    if broker.send_or_log(lambda: kind.task.delay(job_id), f"{kind.name} {job_id}"):
        return
    # Never sent: a null enqueued_at makes the next sweep send it without waiting out the
    # stale period. The row stays queued either way; this only makes recovery sooner.
    try:
        kind.model.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(enqueued_at=None)
    except DatabaseError as error:
        log.warning("%s %s: enqueued_at not cleared: %s", kind.name, job_id, error)


def resend(kind: Kind, job_id: int, countdown: float = 0.0) -> None:
    """Send again what the queue lost, at the priority that puts it ahead of the backlog."""
    kind.task.apply_async(
        (job_id,), priority=settings.CVPREP_RECOVERY_PRIORITY, countdown=countdown or None
    )


def claim(kind: Kind, job_id: int) -> uuid.UUID | None:
    """Queued -> running, atomically. The claim token, or None when another worker has it or
    it is finished (a duplicate delivery then does nothing)."""
    token = uuid.uuid4()
    claimed = kind.model.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        claim=token,
        started_at=timezone.now(),
        heartbeat_at=None,
        attempts=F("attempts") + 1,
        **kind.claim_fields,
    )
    if claimed:
        log.info("%s %s: claimed", kind.name, job_id, extra=_fields(kind, job_id, claim=str(token)))
    return token if claimed else None


# Claims lost to another worker before giving up on the fair choice for the message's own job.
FAIR_CLAIM_TRIES = 3


def claim_next(kind: Kind, sent_for: int) -> tuple[int, uuid.UUID] | None:
    """Claim the job a message should grade: the dispatcher's fair choice (a message is a
    token for one job of its kind), or, with CVPREP_FAIR_DISPATCH off, the one it was sent
    for. (job id, claim token), or None when there is nothing to claim."""
    if settings.CVPREP_FAIR_DISPATCH:
        for _ in range(FAIR_CLAIM_TRIES):
            job_id = dispatch.next_job(kind)
            if job_id is None:
                return None  # nothing queued: this message was a spare
            token = claim(kind, job_id)
            if token is not None:
                if job_id != sent_for:
                    _hand_over_message(kind, took=job_id, sent_for=sent_for)
                return job_id, token
    token = claim(kind, sent_for)
    return (sent_for, token) if token is not None else None


def _hand_over_message(kind: Kind, *, took: int, sent_for: int) -> None:
    """A message sent for ``sent_for`` claimed ``took``: whatever message was sent for
    ``took`` (or none, if it was lost or never sent) now stands for ``sent_for``, so it takes
    ``took``'s enqueued_at. Otherwise the sweep, which judges each row by its own, saw a fresh
    row whose message is gone and left it for a whole stale period after a broker restart."""
    kind.model.objects.filter(pk=sent_for, status=JobStatus.QUEUED).update(
        enqueued_at=Subquery(kind.model.objects.filter(pk=took).values("enqueued_at")[:1])
    )


def finish(
    kind: Kind,
    job_id: int,
    token: uuid.UUID,
    outcome: Outcome,
    started: float | None = None,
) -> bool:
    """Running -> the outcome's status with its fields and artifacts, only for the claim that
    ran it: one outcome, ever. ``started`` (time.monotonic() at the claim) times the grade."""
    fields = {name: json_safe(value) for name, value in outcome.fields.items()}
    with transaction.atomic():
        stored = kind.model.objects.filter(
            pk=job_id, status=JobStatus.RUNNING, claim=token
        ).update(status=outcome.status, finished_at=timezone.now(), **fields)
        if stored:
            artifacts.replace(kind.model, job_id, outcome.artifacts)
    if stored:
        seconds = time.monotonic() - started if started is not None else None
        metrics.finished(kind, outcome, seconds)
        verdict = metrics.verdict_of(dict(outcome.fields), outcome.status)
        log.info(
            "%s %s: finished, %s",
            kind.name,
            job_id,
            verdict,
            extra=_fields(kind, job_id, verdict=verdict, seconds=seconds),
        )
        kind.on_finished(job_id, outcome)
    return bool(stored)


def release(kind: Kind, job_id: int, token: uuid.UUID | None) -> bool:
    """Running -> queued again, only for the claim that holds it: a grade that failed, or the
    sweep taking back a stale claim (its worker, if it ever comes back, can no longer store)."""
    released = kind.model.objects.filter(pk=job_id, status=JobStatus.RUNNING, claim=token).update(
        status=JobStatus.QUEUED, claim=None, enqueued_at=timezone.now()
    )
    if released:
        log.info("%s %s: released", kind.name, job_id, extra=_fields(kind, job_id))
    return bool(released)


def fail(kind: Kind, job_id: int, message: str, token: uuid.UUID | None = None) -> bool:
    """Give up on a job for good, with the reason on the row (never over a finished one)."""
    jobs = kind.model.objects.filter(pk=job_id).exclude(status__in=kind.terminal)
    if token is not None:
        jobs = jobs.filter(claim=token)
    fields = kind.failed_fields(message)
    failed = jobs.update(finished_at=timezone.now(), claim=None, **fields)
    if failed:
        metrics.failed(kind, fields)
        log.warning(
            "%s %s: failed: %s", kind.name, job_id, message, extra=_fields(kind, job_id)
        )
    return bool(failed)
