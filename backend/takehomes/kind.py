"""Take-home hand-ins as a kind of graded work: score the predictions on the hidden split and
store the report and its plots; registered with backend.grading from TakehomesConfig.ready()."""

from __future__ import annotations

import logging
from typing import Any

from backend.grading import kinds
from backend.grading.kinds import Claim, Outcome
from backend.grading.tasks import TRANSIENT_ERRORS
from backend.takehomes import access, services
from backend.takehomes.hand_in_kinds import AnyHandIn
from backend.takehomes.models import HandIn
from backend.takehomes.tasks import grade_hand_in

log = logging.getLogger(__name__)

NAME = "takehome"


def grade(hand_in: HandIn, claim: Claim) -> Outcome:
    try:
        report, primary, value, plots = services.grade(hand_in)
    except TRANSIENT_ERRORS:
        raise  # the database or the broker, not the hand-in: retried
    except Exception as error:
        # Scoring refused the hand-in's data: the same data fails the same way, so one clear
        # failure on the row rather than a retry loop.
        log.exception("hand-in %s: grading failed", hand_in.id)
        message = f"grading failed: {type(error).__name__}: {error}"
        return Outcome(status=HandIn.Status.FAILED, fields={"error": message[:2000]})
    return Outcome(
        fields={"report": report, "primary_metric": primary, "primary_value": value},
        artifacts=plots,
    )


def running_bound(hand_in: HandIn) -> float:
    return float(services.limit("CVPREP_TAKEHOME_STALE_RUNNING_SECONDS"))


def can_view(user: Any, hand_in: AnyHandIn) -> bool:
    """Whoever sees the assignment: its candidate and its reviewers (a model hand-in's too)."""
    assignment = hand_in.assignment
    return access.is_candidate(user, assignment) or access.reviews(user, assignment)


def register() -> None:
    kinds.register(
        kinds.Kind(
            name=NAME,
            model=HandIn,
            task=grade_hand_in,
            grade=grade,
            running_bound=running_bound,
            can_view=can_view,
            owner_field="assignment__candidate",
            parent_field="assignment_id",
            select_related=("assignment__takehome",),
        )
    )
