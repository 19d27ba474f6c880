"""Writes to the learning schedule: a graded submit reviews the concepts it exercised."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from backend.grading import sessions
from backend.learning import outcomes, scheduling
from backend.learning.models import ConceptCard, ConceptReview
from backend.submissions.models import Submission
from graders.coding.verdicts import Verdict


def record_submission(submission_id: int) -> int:
    """Feed one graded submit into its owner's schedule; returns how many concepts it reviewed.

    Safe to run twice (one review per card and submission). Runs, ungraded rows, verdicts that
    say nothing of the candidate and the submits of a running interview (their verdicts are
    hidden until it ends) are left out.
    """
    submission = (
        Submission.objects.select_related("problem", "interview")
        .filter(id=submission_id, status=Submission.Status.DONE, mode=Submission.Mode.SUBMIT)
        .first()
    )
    if submission is None or submission.results_hidden:
        return 0
    if not outcomes.is_informative(submission.verdict):
        return 0
    reviewed_at = submission.finished_at or submission.created_at
    ratings = outcomes.concept_ratings(
        tags=submission.problem.tags,
        verdict=submission.verdict or "",
        diagnoses=outcomes.diagnoses_of(submission.result),
        earlier_failures=earlier_failures(submission),
    )
    reviewed = 0
    with transaction.atomic():
        for concept, (rating, diagnosis) in sorted(ratings.items()):
            card, _ = ConceptCard.objects.select_for_update().get_or_create(
                owner_id=submission.owner_id,
                concept=concept,
                defaults={"card": scheduling.new_card(reviewed_at), "due": reviewed_at},
            )
            _, created = ConceptReview.objects.get_or_create(
                card=card,
                submission=submission,
                defaults={
                    "rating": int(rating),
                    "diagnosis": diagnosis,
                    "reviewed_at": reviewed_at,
                },
            )
            if not created:
                continue
            card.card = scheduling.review(card.card, rating, reviewed_at)
            card.due = scheduling.due_of(card.card)
            card.last_problem_id = submission.problem_id
            card.last_rating = int(rating)
            card.last_diagnosis = diagnosis or next(
                iter(outcomes.diagnoses_of(submission.result)), ""
            )
            card.review_count += 1
            card.save()
            reviewed += 1
    return reviewed


def earlier_failures(submission: Submission) -> int:
    """Failed submits of the same problem right before this one, since its last accepted one."""
    finished = submission.finished_at or submission.created_at
    verdicts = (
        Submission.objects.filter(
            owner_id=submission.owner_id,
            problem_id=submission.problem_id,
            mode=Submission.Mode.SUBMIT,
            status=Submission.Status.DONE,
            finished_at__lt=finished,
        )
        .exclude(sessions.policy().results_hidden_q())
        .exclude(verdict__in=outcomes.UNINFORMATIVE_VERDICTS)
        .order_by("-finished_at")
        .values_list("verdict", flat=True)
    )
    count = 0
    for verdict in verdicts:
        if verdict == Verdict.ACCEPTED:
            break
        count += 1
    return count


def rebuild(user: Any) -> int:
    """Forget the user's schedule and replay every graded submit in the order it finished
    (a history from before this app, or a review lost to a failed signal)."""
    with transaction.atomic():
        ConceptCard.objects.filter(owner=user).delete()
        submit_ids = (
            Submission.objects.filter(
                owner=user, mode=Submission.Mode.SUBMIT, status=Submission.Status.DONE
            )
            .order_by("finished_at", "id")
            .values_list("id", flat=True)
        )
        return sum(record_submission(submission_id) for submission_id in submit_ids)
