"""Writes to design submissions: accepting one, its draft, the candidate's self-assessment
(grading it is backend/designs/kind.py's, under backend.grading's lifecycle)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils import timezone

from backend.catalog.models import Problem
from backend.designs.models import DesignAnswer, DesignDraft, DesignSubmission
from backend.designs.packages import package_for
from backend.grading import admission, kinds, lifecycle
from backend.lib.errors import ApplicationError
from graders.design import DesignPackage, SpecError

log = logging.getLogger(__name__)

MAX_WRITE_UP_BYTES = 100_000


class DesignRejected(ApplicationError):
    """The design cannot be accepted; ``errors`` maps fields to messages (an HTTP 400)."""

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()), errors=errors)


def _check_write_up(write_up: str) -> None:
    if "\x00" in write_up:
        raise DesignRejected({"write_up": "must not contain null characters"})
    if len(write_up.encode("utf-8", errors="replace")) > MAX_WRITE_UP_BYTES:
        raise DesignRejected({"write_up": f"is over {MAX_WRITE_UP_BYTES // 1000} kB"})


def create_design_submission(
    *,
    user: Any,
    problem: Problem,
    write_up: str,
    spec: Any,
    interview: Any = None,
) -> DesignSubmission:
    """Check the spec (a mapping, or YAML text) and save; grading is enqueued on commit. A bad
    spec is refused with field errors. A session's clock is the caller's business
    (``sessions.policy().submit``)."""
    admission.admit(kinds.get("design"), user)
    _check_write_up(write_up)
    try:
        checked = package_for(problem).check_spec(spec).to_json()
    except SpecError as error:
        raise DesignRejected({"spec": error.errors}) from None
    return _save(
        user=user, problem=problem, write_up=write_up, interview=interview, automatic=False,
        checked=checked, errors={},
    )


def create_design_submission_at_close(
    *, user: Any, problem: Problem, write_up: str, spec: Any, interview: Any
) -> DesignSubmission:
    """A session's own hand-in of the candidate's latest draft when its time is up. It is the
    round's record: never refused for load, and a bad spec is stored as ``invalid`` with its
    errors, so that it counts. The row says ``automatic``."""
    _check_write_up(write_up)
    try:
        checked, errors = package_for(problem).check_spec(spec).to_json(), {}
    except SpecError as error:
        checked, errors = None, error.errors
    return _save(
        user=user, problem=problem, write_up=write_up, interview=interview, automatic=True,
        checked=checked, errors=errors,
    )


def _save(
    *,
    user: Any,
    problem: Problem,
    write_up: str,
    interview: Any,
    automatic: bool,
    checked: dict[str, Any] | None,
    errors: dict[str, str],
) -> DesignSubmission:
    with admission.pending_slot(kinds.get("design"), user, enforced=not automatic):
        submission = DesignSubmission.objects.create(
            owner=user,
            problem=problem,
            interview=interview,
            automatic=automatic,
            write_up=write_up,
            spec=checked,
            spec_errors=errors,
            status=DesignSubmission.Status.INVALID if errors else DesignSubmission.Status.QUEUED,
            score=0.0 if errors else None,
            finished_at=timezone.now() if errors else None,
            enqueued_at=None if errors else timezone.now(),
        )
        if not errors:
            lifecycle.enqueue(kinds.get("design"), submission.id)
    return submission


def save_answer(problem: Problem, package: object) -> None:
    """The catalog's sync hook: a design prompt's model answer, kept apart from Problem."""
    if not isinstance(package, DesignPackage):
        return
    DesignAnswer.objects.update_or_create(
        problem=problem,
        defaults={
            "model_answer": package.model_answer,
            "model_spec": package.model_spec.to_json(),
            "rubric": [item.to_json(with_answer=True) for item in package.rubric],
        },
    )


def save_self_assessment(submission: DesignSubmission, scores: Any) -> DesignSubmission:
    """Scores per rubric item, each a whole number from 0 to the item's points."""
    rubric = {item["id"]: item["points"] for item in submission.problem.details.get("rubric", [])}
    if not isinstance(scores, dict):
        raise DesignRejected({"scores": "must map rubric item ids to points"})
    errors: dict[str, str] = {}
    for item_id, points in scores.items():
        if item_id not in rubric:
            errors[str(item_id)] = "is not an item of this prompt's rubric"
        elif isinstance(points, bool) or not isinstance(points, int):
            errors[item_id] = "must be a whole number"
        elif not 0 <= points <= rubric[item_id]:
            errors[item_id] = f"must be between 0 and {rubric[item_id]}"
    missing = sorted(set(rubric) - set(scores))
    for item_id in missing:
        errors[item_id] = "is required"
    if errors:
        raise DesignRejected({"scores": errors})
    submission.self_assessment = {item_id: scores[item_id] for item_id in rubric}
    submission.self_assessed_at = timezone.now()
    submission.save(update_fields=["self_assessment", "self_assessed_at"])
    return submission


def save_draft(*, user: Any, problem: Problem, write_up: str, spec_yaml: str) -> DesignDraft:
    _check_write_up(write_up)
    if len(spec_yaml.encode("utf-8", errors="replace")) > settings.CVPREP_MAX_CODE_BYTES:
        raise DesignRejected({"spec_yaml": "is over 64 KiB"})
    draft, _ = DesignDraft.objects.update_or_create(
        owner=user, problem=problem, defaults={"write_up": write_up, "spec_yaml": spec_yaml}
    )
    return draft
