"""The schedule per user, with a clock the test moves: solved easily comes back later, a failure
on borders brings a related problem back the same day."""

from datetime import timedelta

import pytest
from django.utils import timezone
from fsrs import Rating

from backend.interviews import services as interview_services
from backend.interviews.models import Interview, InterviewTemplate
from backend.learning import selectors, services
from backend.learning.models import ConceptCard, ConceptReview
from backend.submissions.signals import results_visible
from tests.backend.factories import UserFactory
from tests.backend.learning.conftest import START, graded

pytestmark = pytest.mark.django_db


def card(user, concept: str) -> ConceptCard:
    return ConceptCard.objects.get(owner=user, concept=concept)


def test_solved_easily_is_seen_again_later_than_solved_after_a_failure(catalog):
    easy, struggled = UserFactory(), UserFactory()
    services.record_submission(
        graded(owner=easy, problem=catalog["nms"], verdict="accepted", at=START).id
    )
    for hours, verdict in ((0, "wrong_answer"), (1, "accepted")):
        submission = graded(
            owner=struggled,
            problem=catalog["nms"],
            verdict=verdict,
            at=START + timedelta(hours=hours),
        )
        services.record_submission(submission.id)
    assert card(easy, "boxes").last_rating == Rating.Easy
    assert card(struggled, "boxes").last_rating == Rating.Good
    assert card(easy, "boxes").due - START >= timedelta(days=7)
    assert card(easy, "boxes").due > card(struggled, "boxes").due


def test_an_easy_solve_is_not_due_tomorrow_but_is_a_week_later(catalog):
    user = UserFactory()
    services.record_submission(
        graded(owner=user, problem=catalog["nms"], verdict="accepted", at=START).id
    )
    assert selectors.due_count(user, START + timedelta(days=1)) == 0
    due = selectors.review_today(user, START + timedelta(days=10))
    assert [(item.concepts, item.suggestion.slug) for item in due] == [(("boxes", "greedy"), "nms")]
    assert all(item.reason == "keep" and item.recall < 0.95 for item in due)


def test_a_failure_on_borders_brings_a_related_problem_the_same_day(catalog):
    user = UserFactory()
    failed = graded(
        owner=user,
        problem=catalog["blur"],
        verdict="wrong_answer",
        at=START,
        diagnosis="border_only",
    )
    services.record_submission(failed.id)
    borders = card(user, "borders")
    assert borders.last_rating == Rating.Again and borders.last_diagnosis == "border_only"
    assert borders.due - START <= timedelta(hours=1)
    later_today = START + timedelta(hours=2)
    reviews = {item.concepts[0]: item for item in selectors.review_today(user, later_today)}
    assert reviews["borders"].reason == "failed"
    assert reviews["borders"].suggestion.slug in {"median", "sobel"}  # not the blur it failed
    assert "border" in reviews["borders"].diagnosis_text
    # Each due concept gets its own problem.
    suggested = [item.suggestion.slug for item in reviews.values()]
    assert len(suggested) == len(set(suggested))


def test_solving_the_related_problem_pushes_the_concept_out_of_today(catalog):
    user = UserFactory()
    services.record_submission(
        graded(
            owner=user,
            problem=catalog["blur"],
            verdict="wrong_answer",
            at=START,
            diagnosis="border_only",
        ).id
    )
    now = START + timedelta(hours=2)
    assert "borders" in {c for item in selectors.review_today(user, now) for c in item.concepts}
    services.record_submission(
        graded(owner=user, problem=catalog["median"], verdict="accepted", at=now).id
    )
    assert "borders" not in {c for item in selectors.review_today(user, now) for c in item.concepts}
    assert card(user, "borders").due >= now + timedelta(days=1)


def test_recording_a_submission_twice_reviews_once(catalog):
    user = UserFactory()
    submission = graded(owner=user, problem=catalog["nms"], verdict="accepted", at=START)
    assert services.record_submission(submission.id) == 2
    first = card(user, "boxes").card
    assert services.record_submission(submission.id) == 0
    assert card(user, "boxes").card == first and card(user, "boxes").review_count == 1
    assert ConceptReview.objects.filter(submission=submission).count() == 2


def test_runs_platform_failures_and_other_users_are_left_out(catalog):
    user, other = UserFactory(), UserFactory()
    run = graded(owner=user, problem=catalog["nms"], verdict="wrong_answer", at=START, mode="run")
    broken = graded(owner=user, problem=catalog["nms"], verdict="internal_error", at=START)
    assert services.record_submission(run.id) == 0
    assert services.record_submission(broken.id) == 0
    services.record_submission(
        graded(owner=other, problem=catalog["nms"], verdict="wrong_answer", at=START).id
    )
    assert not ConceptCard.objects.filter(owner=user).exists()
    assert selectors.due_count(user, START + timedelta(hours=3)) == 0
    assert selectors.due_count(other, START + timedelta(hours=3)) == 2


def test_a_running_interview_schedules_nothing_until_it_ends(catalog):
    user = UserFactory()
    template = InterviewTemplate.objects.create(name="Coding", duration_minutes=45)
    interview = Interview.objects.create(
        candidate=user, template=template, deadline=timezone.now() + timedelta(minutes=5)
    )
    submission = graded(
        owner=user, problem=catalog["nms"], verdict="wrong_answer", at=START, interview=interview
    )
    results_visible.send(sender=None, submission_ids=[submission.id])  # as the grading task does
    assert not ConceptCard.objects.filter(owner=user).exists()  # the verdict is still hidden
    Interview.objects.filter(id=interview.id).update(deadline=timezone.now() - timedelta(seconds=1))
    assert interview_services.finish(interview.id)
    assert card(user, "boxes").last_rating == Rating.Again


def test_rebuild_replays_history_in_order(catalog):
    user = UserFactory()
    submissions = [
        graded(owner=user, problem=catalog["nms"], verdict=verdict, at=START + timedelta(days=day))
        for day, verdict in ((0, "wrong_answer"), (1, "wrong_answer"), (2, "accepted"))
    ]
    for submission in submissions:
        services.record_submission(submission.id)
    incremental = card(user, "boxes").card
    assert card(user, "boxes").last_rating == Rating.Hard  # accepted after two failed submits
    assert services.rebuild(user) == 6
    assert card(user, "boxes").card == incremental
