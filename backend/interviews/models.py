import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from backend.catalog.models import Problem


class InterviewTemplate(models.Model):
    """A kind of mock interview ("coding round, 2 problems, 45 min"); staff edit them."""

    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    duration_minutes = models.PositiveIntegerField()
    problem_count = models.PositiveIntegerField(default=1)
    design_count = models.PositiveIntegerField(
        default=0, help_text="system-design prompts, picked at random, after the coding problems"
    )
    # Problems are picked at random among these filters, unless fixed problems are given.
    category = models.CharField(max_length=50, blank=True)
    difficulty = models.CharField(max_length=10, blank=True, choices=Problem.Difficulty.choices)
    fixed_problems = models.ManyToManyField(Problem, blank=True, related_name="+")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["duration_minutes", "name"]

    def __str__(self) -> str:
        return self.name


class Interview(models.Model):
    """One candidate's timed session. The server's clock is the only clock."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        FINISHED = "finished"

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews"
    )
    template = models.ForeignKey(
        InterviewTemplate, on_delete=models.PROTECT, related_name="interviews"
    )
    problems = models.ManyToManyField(Problem, through="InterviewProblem", related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    share_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Signed-in users who opened the share link: they may comment on and score the report.
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="reviewed_interviews"
    )

    class Meta:
        ordering = ["-started_at"]

    def is_open(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        return self.status == self.Status.ACTIVE and (now or timezone.now()) < self.deadline


class InterviewProblem(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE)
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "problem"], name="problem_once_per_interview"
            )
        ]
