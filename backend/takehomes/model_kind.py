"""Model hand-ins as a kind of graded work (issue 14), on the ``models`` queue: the sandboxed
run and its timing happen here, one at a time; registered from TakehomesConfig.ready()."""

from __future__ import annotations

import logging

from backend.grading import kinds
from backend.grading.kinds import Claim, Outcome
from backend.grading.tasks import TRANSIENT_ERRORS
from backend.takehomes import kind, model_handins
from backend.takehomes.models import ModelHandIn
from backend.takehomes.tasks import grade_model_hand_in

log = logging.getLogger(__name__)

# A run times the hand-in and the reference (5 loops of 64 queries each, plus warm-ups and the
# accuracy run); a slow honest model takes a few minutes, not ten.
RUNNING_BOUND_SECONDS = 900.0


def grade(hand_in: ModelHandIn, claim: Claim) -> Outcome:
    try:
        report, plots = model_handins.grade(hand_in)
    except TRANSIENT_ERRORS:
        raise
    except Exception as error:
        # Not the model's fault (a refused model is a report, not an exception): the package
        # or the sandbox. One clear failure on the row rather than a retry loop.
        log.exception("model hand-in %s: grading failed", hand_in.id)
        message = f"grading failed: {type(error).__name__}: {error}"
        return Outcome(status=ModelHandIn.Status.FAILED, fields={"error": message[:2000]})
    return Outcome(fields=model_handins.outcome_fields(report), artifacts=plots)


def running_bound(hand_in: ModelHandIn) -> float:
    return RUNNING_BOUND_SECONDS


def register() -> None:
    kinds.register(
        kinds.Kind(
            name=model_handins.KIND,
            model=ModelHandIn,
            task=grade_model_hand_in,
            grade=grade,
            running_bound=running_bound,
            can_view=kind.can_view,  # the same people as a predictions hand-in
            owner_field="assignment__candidate",
            parent_field="assignment_id",
            select_related=("assignment__takehome",),
        )
    )
