"""A candidate's memory of each concept, as the FSRS scheduler tracks it."""

from django.conf import settings
from django.db import models

from backend.catalog.models import Problem
from backend.submissions.models import Submission


class ConceptCard(models.Model):
    """One user's schedule for one concept (a package tag such as ``borders``)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="concept_cards"
    )
    concept = models.CharField(max_length=64)
    # fsrs.Card.to_dict(): state, step, stability, difficulty, due, last_review.
    card = models.JSONField()
    # The card's due time again, as a column, so "due today" is one indexed query.
    due = models.DateTimeField()
    last_problem = models.ForeignKey(
        Problem, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_rating = models.PositiveSmallIntegerField(null=True)  # fsrs.Rating
    last_diagnosis = models.CharField(max_length=32, blank=True, default="")
    review_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "concept"], name="one_card_per_concept")
        ]
        indexes = [models.Index(fields=["owner", "due"])]

    def __str__(self) -> str:
        return f"{self.owner_id} {self.concept} due {self.due:%Y-%m-%d %H:%M}"


class ConceptReview(models.Model):
    """What one graded submit told one concept's schedule. Unique per (card, submission), so
    feeding a submission twice changes nothing; the history a rebuild replays."""

    card = models.ForeignKey(ConceptCard, on_delete=models.CASCADE, related_name="history")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField()
    diagnosis = models.CharField(max_length=32, blank=True, default="")
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["reviewed_at"]
        constraints = [
            models.UniqueConstraint(fields=["card", "submission"], name="one_review_per_submit")
        ]
