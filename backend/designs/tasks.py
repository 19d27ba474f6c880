"""Celery tasks for design submissions: thin, take ids, safe to run twice."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from backend.designs import services
from backend.designs.models import DesignSubmission

log = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def grade_design(submission_id: int) -> None:
    token = services.claim(submission_id)
    if token is None:
        return  # graded already, or another worker holds it
    if not services.grade(submission_id, token):
        log.warning("design %s: report discarded, the claim was taken over", submission_id)


@shared_task
def sweep_stale_designs() -> int:
    """Re-enqueue what the queue lost (a Redis restart, a killed worker). The database decides."""
    now = timezone.now()
    requeued = 0
    cutoff = now - timedelta(seconds=settings.CVPREP_STALE_QUEUED_SECONDS)
    for submission in DesignSubmission.objects.filter(
        Q(enqueued_at__lt=cutoff) | Q(enqueued_at__isnull=True),
        status=DesignSubmission.Status.QUEUED,
    ):
        if DesignSubmission.objects.filter(
            id=submission.id, status=DesignSubmission.Status.QUEUED,
            enqueued_at=submission.enqueued_at,
        ).update(enqueued_at=now):
            grade_design.apply_async((submission.id,), priority=settings.CVPREP_RECOVERY_PRIORITY)
            requeued += 1
    running_cutoff = now - timedelta(
        # A simulation takes a few CPU seconds; one still running after this lost its worker.
        seconds=settings.CVPREP_DESIGN_RUNNING_SECONDS + settings.CVPREP_STALE_RUNNING_MARGIN
    )
    for submission in DesignSubmission.objects.filter(
        status=DesignSubmission.Status.RUNNING, started_at__lt=running_cutoff
    ):
        if submission.attempts >= settings.CVPREP_MAX_ATTEMPTS:
            services.fail_permanently(
                submission, f"simulation failed {submission.attempts} times; giving up"
            )
            continue
        if DesignSubmission.objects.filter(
            id=submission.id, status=DesignSubmission.Status.RUNNING, claim=submission.claim
        ).update(status=DesignSubmission.Status.QUEUED, claim=None, enqueued_at=now):
            grade_design.apply_async((submission.id,), priority=settings.CVPREP_RECOVERY_PRIORITY)
            requeued += 1
    return requeued
