"""Take-homes: the templates synced from problems/ (kind "takehome"), a reviewer's assignment
of one to a candidate, the candidate's hand-ins, and what metric grading makes of them.
Review comments and rubric scores live in backend.reviews, attached to these objects."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from backend.grading.models import GradedJob, JobStatus


class TakeHome(models.Model):
    """A take-home template: one package under problems/ with kind = "takehome"."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    task = models.CharField(max_length=20)  # detection | segmentation | classification
    difficulty = models.CharField(max_length=20, blank=True, default="")
    category = models.CharField(max_length=50, blank=True, default="")
    tags = models.JSONField(default=list, blank=True)
    brief = models.TextField()  # Markdown
    rubric = models.JSONField(default=list)  # [{"id", "title", "points", "guidance"}]
    deadline_hours = models.PositiveIntegerField()
    late_policy = models.CharField(max_length=10)  # refuse | mark
    leaderboard_visible_to_candidates = models.BooleanField(default=False)
    latency_budget_ms = models.FloatField(null=True, blank=True)
    # The package's [model] table: a hand-in is a model.onnx the platform runs (ModelHandIn).
    wants_model = models.BooleanField(default=False)
    # ... and its [model.budget]: the metric counts only inside it (LPCVC-style).
    has_model_budget = models.BooleanField(default=False)
    fingerprint = models.CharField(max_length=32)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.slug

    @property
    def wants_latency(self) -> bool:
        # A model's latency is measured; only a predictions hand-in reports its own.
        return self.task == "classification" and not self.wants_model

    def rubric_item(self, item_id: str) -> dict | None:
        return next((item for item in self.rubric if item["id"] == item_id), None)


class Assignment(models.Model):
    """A take-home given to one candidate by a reviewer, with a deadline and, later, a review."""

    class Decision(models.TextChoices):
        STRONG_YES = "strong_yes", "strong yes"
        YES = "yes", "yes"
        NO = "no", "no"
        STRONG_NO = "strong_no", "strong no"

    takehome = models.ForeignKey(TakeHome, on_delete=models.PROTECT, related_name="assignments")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="takehome_assignments"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="owned_assignments"
    )
    co_reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="co_reviewed_assignments"
    )
    deadline = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    summary = models.TextField(blank=True, default="")
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True, default="")
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.takehome_id} for {self.candidate_id}"

    @property
    def released(self) -> bool:
        return self.released_at is not None

    def is_reviewer(self, user) -> bool:  # type: ignore[no-untyped-def]
        if not user.is_authenticated:
            return False
        return self.owner_id == user.pk or self.co_reviewers.filter(pk=user.pk).exists()


class HandIn(GradedJob):
    """One hand-in; all are kept, the latest counts. Graded once: queued -> running -> done."""

    Status = JobStatus

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="hand_ins")
    is_late = models.BooleanField(default=False)
    predictions = models.BinaryField()
    predictions_name = models.CharField(max_length=255)
    code_zip = models.BinaryField()
    code_name = models.CharField(max_length=255)
    writeup = models.TextField()
    reported_latency_ms = models.FloatField(null=True, blank=True)
    report = models.JSONField(null=True, blank=True)  # graders.takehome MetricReport.to_json()
    primary_metric = models.CharField(max_length=100, blank=True, default="")
    primary_value = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"hand-in #{self.pk} of assignment {self.assignment_id} ({self.status})"


class ModelHandIn(GradedJob):
    """A model hand-in (issue 14): model.onnx, run by the platform in the sandbox on the hidden
    inputs and timed there. ``report`` is graders.models.report.handin_json: metrics, card,
    latency (and the reference's), the budget; ``primary_value`` counts only inside the budget.
    """

    Status = JobStatus

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="model_hand_ins"
    )
    is_late = models.BooleanField(default=False)
    model_onnx = models.BinaryField()
    model_sha256 = models.CharField(max_length=64)
    code_zip = models.BinaryField()
    code_name = models.CharField(max_length=255)
    writeup = models.TextField()
    # What the candidate says it measured: shown beside the platform's figure, never scored.
    reported_latency_ms = models.FloatField(null=True, blank=True)
    report = models.JSONField(null=True, blank=True)
    primary_metric = models.CharField(max_length=100, blank=True, default="")
    primary_value = models.FloatField(null=True, blank=True)
    p90_ms = models.FloatField(null=True, blank=True)  # measured, CPU: the Pareto chart's axis
    error = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"model hand-in #{self.pk} of assignment {self.assignment_id} ({self.status})"
