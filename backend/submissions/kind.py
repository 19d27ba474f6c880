"""Coding submissions as a kind of graded work: what grading one means, registered with
backend.grading from SubmissionsConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q

from backend.grading import kinds, sessions
from backend.grading.kinds import Claim, Outcome
from backend.grading.models import JobStatus
from backend.submissions import grading, services, signals
from backend.submissions.models import Submission
from backend.submissions.tasks import grade_submission

NAME = "coding"


def outcome(result: dict[str, Any], pictures: grading.Pictures) -> Outcome:
    """A graders result and its sample pictures as the row's fields and artifacts
    (``<case>/<kind>``: expected, actual, difference...)."""
    return Outcome(
        fields={
            "verdict": result["verdict"],
            "score": result["score"],
            "result": result,
            "progress": result.get("cases", []),
        },
        artifacts={
            f"{name}/{kind}": png
            for name, made in pictures.items()
            for kind, png in made.images.items()
        },
    )


def grade(submission: Submission, claim: Claim) -> Outcome:
    result, pictures = grading.run(
        submission, on_case=services.ProgressRecorder(claim.job_id, claim.token)
    )
    return outcome(result, pictures)


def running_bound(submission: Submission) -> float:
    """How long grading may honestly take: every case at its wall limit, plus a margin."""
    problem = submission.problem
    cases = (
        problem.case_count if submission.mode == Submission.Mode.SUBMIT else len(problem.samples)
    )
    return max(cases, 1) * (problem.time_limit * 2 + 1) + settings.CVPREP_STALE_RUNNING_MARGIN


def can_view(user: Any, submission: Submission) -> bool:
    """The candidate, and the reviewers of the interview it was handed in to once it ended."""
    if not user.is_authenticated:
        return False
    return submission.owner_id == user.pk or sessions.policy().reviews(user=user, job=submission)


def failed_fields(message: str) -> dict[str, Any]:
    # Coding's failure has always been a finished row with the internal_error verdict: the API
    # and the pages show it as a verdict.
    return {
        "status": JobStatus.DONE,
        "verdict": "internal_error",
        "score": 0.0,
        "result": grading.internal_error(message),
    }


def on_finished(submission_id: int, outcome: Outcome) -> None:
    services.publish(submission_id, {"type": "done", "verdict": outcome.fields.get("verdict")})
    signals.results_visible.send_robust(Submission, submission_ids=[submission_id])


def register() -> None:
    kinds.register(
        kinds.Kind(
            name=NAME,
            model=Submission,
            task=grade_submission,
            grade=grade,
            running_bound=running_bound,
            can_view=can_view,
            failed_fields=failed_fields,
            claim_fields={"progress": []},
            dispatch_tiers=(Q(interview__isnull=False), Q(mode=Submission.Mode.RUN)),
            on_finished=on_finished,
            select_related=("problem",),
        )
    )
