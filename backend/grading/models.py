"""The lifecycle every kind of graded work shares: queued -> running -> done | failed.

An abstract base keeps each kind's own table (and its column names): a kind's model adds what
it grades and what grading found.
"""

from __future__ import annotations

import uuid

from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class GradedJob(models.Model):
    """One piece of work to grade. The row is the truth; a worker holds it only under its
    ``claim`` and writes ``heartbeat_at`` while it grades."""

    status = models.CharField(
        max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    claim = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Written every few seconds by the worker grading it: a silent row lost its worker.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def new_claim() -> uuid.UUID:
        return uuid.uuid4()
