from django.conf import settings
from django.db import models

from backend.catalog.models import Problem
from backend.grading import sessions
from backend.grading.models import GradedJob, JobStatus


class Submission(GradedJob):
    """A candidate's code for a problem. The row is the truth: queued -> running -> done (a
    grade that fails for good is done with the verdict internal_error, as it always was)."""

    class Mode(models.TextChoices):
        RUN = "run"  # sample cases (or one custom case)
        SUBMIT = "submit"  # every case

    Status = JobStatus

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="submissions")
    code = models.TextField()
    mode = models.CharField(max_length=10, choices=Mode.choices)
    custom_input = models.TextField(blank=True, default="")
    interview = models.ForeignKey(
        "interviews.Interview",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    automatic = models.BooleanField(default=False)  # submitted by the clock at an interview's end
    verdict = models.CharField(max_length=32, null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    # graders.GradeResult.to_dict(): hidden cases carry no data.
    result = models.JSONField(null=True, blank=True)
    # Per-case results so far, while running.
    progress = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "problem", "-created_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.problem_id} {self.status} {self.verdict or ''}"

    @property
    def verdict_label(self) -> str:
        """The verdict (or, while grading, the status) as a reader writes it: "wrong answer",
        not the stored "wrong_answer"."""
        return (self.verdict or self.status).replace("_", " ")

    @property
    def results_hidden(self) -> bool:
        """A submit during a running mock interview: its score, pass count and hidden-case
        verdicts wait for the end, on every page, API field and live event."""
        return self.mode == self.Mode.SUBMIT and sessions.policy().results_hidden(job=self)


class Draft(models.Model):
    """The code a candidate is working on, saved as they type, so a reload loses nothing."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="drafts")
    code = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "problem"], name="one_draft_per_problem")
        ]


