"""Review comments and rubric scores, attached to any object (a take-home hand-in, a mock
interview...) through a generic target, so that every kind of review shares one model."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Thread(models.Model):
    """Where comments hang: an object, optionally a file of it and a line of that file.

    One thread per anchor; a comment without ``file_path`` is a general remark on the target.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    file_path = models.CharField(max_length=500, blank=True, default="")
    line = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # One thread per anchor is kept by services.add_comment (a unique constraint with a
        # nullable line would need NULLS NOT DISTINCT, which SQLite lacks).
        indexes = [models.Index(fields=["content_type", "object_id", "file_path", "line"])]

    def __str__(self) -> str:
        where = f" {self.file_path}:{self.line}" if self.file_path else ""
        return f"thread on {self.content_type.model} #{self.object_id}{where}"


class Comment(models.Model):
    """A Markdown remark in a thread; replies point at their parent."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_comments"
    )
    body = models.TextField()
    body_html = models.TextField()  # rendered once, sanitised with nh3
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    resolved = models.BooleanField(default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"comment #{self.pk} by {self.author_id}"


class RubricScore(models.Model):
    """Points given for one rubric item of a target (0..item points, checked by the caller)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    item_id = models.CharField(max_length=100)
    points = models.FloatField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rubric_scores"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "item_id"], name="one_score_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id}={self.points}"
