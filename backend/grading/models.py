"""The lifecycle every kind of graded work shares: queued -> running -> done | failed.

An abstract base keeps each kind's own table (and its column names): a kind's model adds what
it grades and what grading found.
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
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
    # The PNGs grading made (a case's pictures, a report's plots), deleted with the job.
    artifacts = GenericRelation("grading.Artifact")

    objects = models.Manager()

    class Meta:
        abstract = True

    @staticmethod
    def new_claim() -> uuid.UUID:
        return uuid.uuid4()


class Artifact(models.Model):
    """A PNG that grading made for one job of any kind, by name: ``<case>/<picture>`` for a
    coding case (expected, actual, difference...), a plot's name for a design or a hand-in.
    Served by backend.grading.views.artifact_png, which asks the job's kind who may see it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    job = GenericForeignKey("content_type", "object_id")
    name = models.CharField(max_length=255)
    png = models.BinaryField()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "name"], name="one_artifact_per_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} #{self.object_id} {self.name}"
