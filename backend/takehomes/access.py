"""Who sees what. A candidate: their own assignments, and the review only once released.
A reviewer (backend.accounts.roles): the assignments they own or
co-review. Nobody else sees an assignment at all (a 404, not a 403)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from backend.accounts.roles import REVIEWERS_GROUP, is_reviewer
from backend.reviews import permissions as review_permissions
from backend.reviews.models import Comment
from backend.takehomes.hand_in_kinds import KINDS, PREDICTIONS, AnyHandIn, HandInKind
from backend.takehomes.models import Assignment, TakeHome

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


def hand_in_or_404(
    user: Any, pk: int, hand_in_id: int, kind: HandInKind = PREDICTIONS
) -> AnyHandIn:
    """A hand-in of ``kind`` (predictions or a model) of an assignment the user may see."""
    assignment = assignment_or_404(user, pk)
    hand_ins: QuerySet[Any] = kind.model.objects.select_related("assignment__takehome")
    found: AnyHandIn = get_object_or_404(hand_ins, pk=hand_in_id, assignment=assignment)
    return found


def comment_or_404(user: Any, pk: int, comment_id: int) -> Comment:
    """A comment on one of the assignment's hand-ins, of either kind, that the user may see."""
    assignment = assignment_or_404(user, pk)
    on_its_hand_ins = Q()
    for kind in KINDS:
        on_its_hand_ins |= Q(
            thread__content_type=ContentType.objects.get_for_model(kind.model),
            thread__object_id__in=kind.model.objects.filter(assignment=assignment).values("id"),
        )
    comment = get_object_or_404(
        Comment.objects.select_related("thread").filter(on_its_hand_ins), pk=comment_id
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
    for kind in KINDS:  # a hand-in's review is its assignment's, whatever was handed in
        review_permissions.register(
            kind.model,
            can_view=lambda user, hand_in: sees_review(user, hand_in.assignment),
            can_comment=lambda user, hand_in: joins_review(user, hand_in.assignment),
        )
    review_permissions.register(
        Assignment,
        can_view=sees_review,
        can_comment=reviews,
    )
