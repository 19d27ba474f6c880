"""The first answer to a POST that carried an idempotency key, kept so that a retry gets it."""

from __future__ import annotations

from django.db import models


class IdempotentRequest(models.Model):
    # Who asked: "user:<id>" for a session, "token:<sha256>" for an API token, so that two
    # clients that happen to pick the same key never see each other's answers.
    identity = models.CharField(max_length=80)
    key = models.CharField(max_length=200)
    path = models.CharField(max_length=500)
    # A digest of the request body: the same key sent with a different body is refused.
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    # Null while the first request is still being answered.
    status_code = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=1000, blank=True)
    body = models.BinaryField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["identity", "key", "path"],
                                    name="one_answer_per_idempotency_key"),
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"{self.identity} {self.path} {self.key}"
