"""System-design prompts' private answers, candidates' designs, and their drafts."""

from django.conf import settings
from django.db import models

from backend.catalog.models import Problem
from backend.grading.models import GradedJob


class DesignAnswer(models.Model):
    """What a candidate sees only after submitting: the model answer and the rubric's guidance.

    Kept apart from Problem so that no catalog serializer can expose it by accident.
    """

    problem = models.OneToOneField(Problem, on_delete=models.CASCADE, related_name="design_answer")
    model_answer = models.TextField()
    model_spec = models.JSONField()
    # [{"id", "title", "points", "strong_answer"}]
    rubric = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"answer to {self.problem_id}"


class DesignSubmission(GradedJob):
    """A written design and a pipeline spec; the simulation's report once graded.

    queued -> running -> done (graded) or invalid (the spec was refused when the clock
    submitted a draft at an interview's end).
    """

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        INVALID = "invalid"
        FAILED = "failed"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="design_submissions"
    )
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="+")
    interview = models.ForeignKey(
        "interviews.Interview",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="design_submissions",
    )
    automatic = models.BooleanField(default=False)
    write_up = models.TextField(blank=True)
    spec = models.JSONField(null=True, blank=True)
    spec_errors = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    report = models.JSONField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)  # share of requirements met, 0..1
    error = models.TextField(blank=True)
    # Practice mode: the candidate's own rubric scores after reading the model answer.
    self_assessment = models.JSONField(null=True, blank=True)
    self_assessed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "problem", "-created_at"])]

    def __str__(self) -> str:
        return f"design #{self.pk} {self.problem_id} {self.status}"


class DesignDraft(models.Model):
    """The latest unsaved work, autosaved by the page; the clock submits it in an interview."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="+")
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="+")
    write_up = models.TextField(blank=True)
    spec_yaml = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "problem"], name="one_design_draft")
        ]
