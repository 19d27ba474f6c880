"""Celery tasks for take-homes: thin, take ids, safe to run twice (claim before work)."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from backend.takehomes import services
from backend.takehomes.models import HandIn

log = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def grade_hand_in(hand_in_id: int) -> None:
    token = services.claim(hand_in_id)
    if token is None:
        return  # graded already, or another worker holds it
    hand_in = HandIn.objects.select_related("assignment__takehome").get(id=hand_in_id)
    try:
        report, primary, value, plots = services.grade(hand_in)
    except Exception as error:  # one clear failure on the row, never a retry loop
        log.exception("hand-in %s: grading failed", hand_in_id)
        services.fail(hand_in_id, f"grading failed: {type(error).__name__}: {error}", token)
        return
    if not services.store_grade(hand_in_id, token, report, primary, value, plots):
        log.warning("hand-in %s: result discarded, the claim was taken over", hand_in_id)


@shared_task
def sweep_stale_hand_ins() -> int:
    """Re-enqueue hand-ins the queue lost or a killed worker left running. The database
    decides; a released claim can no longer store its result."""
    now = timezone.now()
    requeued = 0
    # A queued hand-in goes stale on the same clock as a queued submission.
    stale_after = getattr(
        settings, "CVPREP_TAKEHOME_STALE_QUEUED_SECONDS", settings.CVPREP_STALE_QUEUED_SECONDS
    )
    queued_cutoff = now - timedelta(seconds=stale_after)
    stale_queued = HandIn.objects.filter(status=HandIn.Status.QUEUED).filter(
        Q(enqueued_at__lt=queued_cutoff) | Q(enqueued_at__isnull=True)
    )
    for hand_in in stale_queued.only("id", "enqueued_at"):
        if HandIn.objects.filter(
            id=hand_in.id, status=HandIn.Status.QUEUED, enqueued_at=hand_in.enqueued_at
        ).update(enqueued_at=now):
            grade_hand_in.apply_async((hand_in.id,), priority=settings.CVPREP_RECOVERY_PRIORITY)
            requeued += 1
    running_cutoff = now - timedelta(
        seconds=services.limit("CVPREP_TAKEHOME_STALE_RUNNING_SECONDS")
    )
    for hand_in in HandIn.objects.filter(
        status=HandIn.Status.RUNNING, started_at__lt=running_cutoff
    ).only("id", "claim", "attempts"):
        if hand_in.attempts >= settings.CVPREP_MAX_ATTEMPTS:
            services.fail(hand_in.id, f"grading failed {hand_in.attempts} times; giving up")
            continue
        if HandIn.objects.filter(
            id=hand_in.id, status=HandIn.Status.RUNNING, claim=hand_in.claim
        ).update(status=HandIn.Status.QUEUED, claim=None, enqueued_at=now):
            grade_hand_in.apply_async((hand_in.id,), priority=settings.CVPREP_RECOVERY_PRIORITY)
            requeued += 1
    if requeued:
        log.info("sweep re-enqueued %d hand-ins", requeued)
    return requeued
