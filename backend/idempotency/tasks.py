"""Kept answers are for retries, which come within minutes; a day is plenty."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from backend.idempotency.models import IdempotentRequest

KEPT_FOR = timedelta(hours=24)


@shared_task(name="backend.idempotency.tasks.sweep_expired_keys")
def sweep_expired_keys() -> int:
    deleted, _ = IdempotentRequest.objects.filter(
        created_at__lt=timezone.now() - KEPT_FOR).delete()
    return deleted
