"""Design hand-ins as a kind of graded work: simulate the pipeline, store the report and its
plots; registered with backend.grading from DesignsConfig.ready()."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q

from backend.designs.models import DesignSubmission
from backend.designs.packages import package_for
from backend.designs.tasks import grade_design
from backend.grading import kinds, sessions
from backend.grading.kinds import Claim, Outcome
from backend.grading.models import JobStatus
from graders.design import SpecError, render_plots

NAME = "design"


def grade(submission: DesignSubmission, claim: Claim) -> Outcome:
    package = package_for(submission.problem)
    try:
        spec = package.check_spec(submission.spec)
    except SpecError as error:  # the catalog changed under a queued submission
        return Outcome(
            status=DesignSubmission.Status.INVALID,
            fields={"spec_errors": error.errors, "score": 0.0},
        )
    report = package.evaluate(spec)
    plots = render_plots(
        report,
        budget_ms=package.requirements.latency_budget_ms,
        percentile=package.requirements.latency_percentile,
        warmup_s=package.simulation.warmup_s,
    )
    return Outcome(fields={"report": report.to_json(), "score": report.score}, artifacts=plots)


def running_bound(submission: DesignSubmission) -> float:
    # A simulation takes a few CPU seconds; one still running after this lost its worker.
    return float(settings.CVPREP_DESIGN_RUNNING_SECONDS + settings.CVPREP_STALE_RUNNING_MARGIN)


def can_view(user: Any, submission: DesignSubmission) -> bool:
    """The candidate, and the reviewers of the interview it was handed in to once it ended."""
    if not user.is_authenticated:
        return False
    return submission.owner_id == user.pk or sessions.policy().reviews(user=user, job=submission)


def register() -> None:
    kinds.register(
        kinds.Kind(
            name=NAME,
            model=DesignSubmission,
            task=grade_design,
            grade=grade,
            running_bound=running_bound,
            can_view=can_view,
            select_related=("problem",),
            dispatch_tiers=(Q(interview__isnull=False),),
            terminal=(JobStatus.DONE, JobStatus.FAILED, DesignSubmission.Status.INVALID),
        )
    )
