"""Who sees what. A candidate: their own assignments, and the review only once released.
A reviewer (backend.accounts.roles): the assignments they own or
co-review. Nobody else sees an assignment at all (a 404, not a 403)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from backend.accounts.roles import REVIEWERS_GROUP, is_reviewer
from backend.reviews import permissions as review_permissions
from backend.reviews.models import Comment
from backend.takehomes.models import Assignment, HandIn, TakeHome

# The roles live in accounts; take-home code that asks "may assign?" may ask them here too.
__all__ = [
    "REVIEWERS_GROUP",
    "is_reviewer",
    "visible_takehomes",
    "visible_assignments",
    "assignment_or_404",
    "hand_in_or_404",
    "comment_or_404",
    "reviews",
    "is_candidate",
    "sees_review",
    "joins_review",
    "register_review_policies",
]


def visible_takehomes(user: Any) -> QuerySet[TakeHome]:
    """Every active template for reviewers; the ones assigned to you otherwise."""
    active = TakeHome.objects.filter(is_active=True)
    if is_reviewer(user):
        return active
    return active.filter(assignments__candidate=user).distinct()


def visible_assignments(user: Any) -> QuerySet[Assignment]:
    if not user.is_authenticated:
        return Assignment.objects.none()
    ids = Assignment.objects.filter(
        Q(candidate=user) | Q(owner=user) | Q(co_reviewers=user)
    ).values("id")
    return Assignment.objects.filter(id__in=ids).select_related("takehome", "candidate", "owner")


# The lookups the pages and the API share: what a user may not see is a 404 in both.


def assignment_or_404(user: Any, pk: int) -> Assignment:
    return get_object_or_404(visible_assignments(user), pk=pk)


def hand_in_or_404(user: Any, pk: int, hand_in_id: int) -> HandIn:
    assignment = assignment_or_404(user, pk)
    return get_object_or_404(
        HandIn.objects.select_related("assignment__takehome"), pk=hand_in_id, assignment=assignment
    )


def comment_or_404(user: Any, pk: int, comment_id: int) -> Comment:
    """A comment on one of the assignment's hand-ins that the user may see."""
    assignment = assignment_or_404(user, pk)
    comment = get_object_or_404(
        Comment.objects.select_related("thread"),
        pk=comment_id,
        thread__content_type__app_label="takehomes",
        thread__content_type__model="handin",
        thread__object_id__in=assignment.hand_ins.values("id"),
    )
    if not review_permissions.can_view(user, comment.thread.target):
        raise Http404
    return comment


def reviews(user: Any, assignment: Assignment) -> bool:
    return assignment.is_reviewer(user)


def is_candidate(user: Any, assignment: Assignment) -> bool:
    return bool(user.is_authenticated and assignment.candidate_id == user.pk)


def sees_review(user: Any, assignment: Assignment) -> bool:
    """Comments, scores and the summary: reviewers always, the candidate once released."""
    return reviews(user, assignment) or (is_candidate(user, assignment) and assignment.released)


def joins_review(user: Any, assignment: Assignment) -> bool:
    """Write comments, reply and resolve: reviewers always; the candidate once the review is
    released, as a pull request's author answers its review."""
    return reviews(user, assignment) or (is_candidate(user, assignment) and assignment.released)


def register_review_policies() -> None:
    review_permissions.register(
        HandIn,
        can_view=lambda user, hand_in: sees_review(user, hand_in.assignment),
        can_comment=lambda user, hand_in: joins_review(user, hand_in.assignment),
    )
    review_permissions.register(
        Assignment,
        can_view=sees_review,
        can_comment=reviews,
    )
