"""Taking back what the queue lost, for every kind: the database decides.

A queued row no message will ever deliver (a Redis restart) is re-sent; a running row whose
worker fell silent (no heartbeat) or overran the kind's running bound is released and re-sent,
or failed once its attempts are spent.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from backend.grading import broker, lifecycle
from backend.grading.kinds import Kind
from backend.grading.models import JobStatus

log = logging.getLogger(__name__)


def queue_of(kind: Kind) -> str:
    route = kind.task.app.amqp.router.route({}, kind.task.name)
    return str(route["queue"].name)


def _spare_messages(kind: Kind, waiting: set[int]) -> int:
    """With fair dispatch a message claims whichever job is next, so a waiting message sent
    for a job that is no longer queued still covers one queued job."""
    if not settings.CVPREP_FAIR_DISPATCH or not waiting:
        return 0
    queued = kind.model.objects.filter(pk__in=waiting, status=JobStatus.QUEUED).count()
    return len(waiting) - queued


def sweep(kind: Kind) -> int:
    """Re-send the kind's lost work, oldest first, ahead of new work; returns how many."""
    now = timezone.now()
    requeued = 0
    jobs = kind.model.objects
    queued_cutoff = now - timedelta(seconds=settings.CVPREP_STALE_QUEUED_SECONDS)
    stale_queued = jobs.filter(status=JobStatus.QUEUED).filter(
        Q(enqueued_at__lt=queued_cutoff) | Q(enqueued_at__isnull=True)
    )
    # What merely waits behind a long queue is still in the broker: sending it again would
    # only multiply deliveries. (The models' default order is newest first.)
    waiting = broker.waiting_ids(kind.task.name, queue_of(kind)) or set()
    spare = _spare_messages(kind, waiting)
    for job in stale_queued.only("pk", "enqueued_at").order_by("created_at", "id"):
        if job.pk in waiting:
            continue
        if spare > 0:
            spare -= 1  # a waiting message that will claim some queued job, maybe this one
            continue
        if jobs.filter(pk=job.pk, status=JobStatus.QUEUED, enqueued_at=job.enqueued_at).update(
            enqueued_at=now
        ):
            lifecycle.resend(kind, job.pk)
            log.info(
                "sweep: %s %s re-sent (queued, not in the broker)",
                kind.name,
                job.pk,
                extra={"kind": kind.name, "job_id": job.pk, "sweep": "lost_message"},
            )
            requeued += 1
    running = jobs.filter(status=JobStatus.RUNNING).select_related(*kind.select_related)
    for job in running.order_by("created_at", "id"):
        started = job.started_at or job.created_at
        pulse = job.heartbeat_at or started
        silent = (now - pulse).total_seconds() > settings.CVPREP_HEARTBEAT_STALE_SECONDS
        if not silent and (now - started).total_seconds() < kind.running_bound(job):
            continue  # its worker is alive and within the job's time bound
        if job.attempts >= settings.CVPREP_MAX_ATTEMPTS:
            lifecycle.fail(kind, job.pk, f"grading failed {job.attempts} times; giving up")
            continue
        if lifecycle.release(kind, job.pk, job.claim):
            lifecycle.resend(kind, job.pk)
            why = "silent" if silent else "overran"
            log.info(
                "sweep: %s %s taken back (%s)",
                kind.name,
                job.pk,
                why,
                extra={"kind": kind.name, "job_id": job.pk, "sweep": why},
            )
            requeued += 1
    if requeued:
        log.info("sweep re-enqueued %d %s jobs", requeued, kind.name)
    return requeued
