"""Starting a mock interview, refusing late submissions, and finishing it at the deadline."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from backend.catalog.models import Problem
from backend.catalog.selectors import active_problems
from backend.designs.models import DesignDraft, DesignSubmission
from backend.designs.packages import package_for
from backend.designs.selectors import design_prompts
from backend.designs.services import create_design_submission_at_close
from backend.grading import broker
from backend.grading.sessions import NO_SUCH_SESSION, Job
from backend.interviews import tasks
from backend.interviews.models import Interview, InterviewProblem, InterviewTemplate
from backend.lib.errors import ApplicationError
from backend.submissions.models import Draft, Submission
from backend.submissions.selectors import solved_problem_ids
from backend.submissions.services import create_submission_at_close
from backend.submissions.signals import results_visible
from graders.design import SpecError


class InterviewError(ApplicationError):
    """The request cannot be honoured; the message says why (an HTTP 400 at ``field``)."""


def pick_problems(*, user: Any, template: InterviewTemplate) -> list[Problem]:
    fixed = list(template.fixed_problems.filter(is_active=True))
    if fixed:
        limit = template.problem_count + template.design_count
        return fixed[:limit] if limit else fixed
    coding = pick_coding(user=user, template=template) if template.problem_count else []
    return coding + pick_designs(user=user, count=template.design_count)


def pick_designs(*, user: Any, count: int) -> list[Problem]:
    """Design prompts the candidate has not handed in yet, when there are enough of them."""
    if count == 0:
        return []
    prompts = list(design_prompts())
    done = set(
        DesignSubmission.objects.filter(owner=user).values_list("problem_id", flat=True)
    )
    fresh = [prompt for prompt in prompts if prompt.id not in done]
    chosen_from = fresh if len(fresh) >= count else prompts
    if not chosen_from:
        raise InterviewError(
            "no system-design prompt is available for this interview", field="template"
        )
    return random.sample(chosen_from, min(count, len(chosen_from)))


def pick_coding(*, user: Any, template: InterviewTemplate) -> list[Problem]:
    pool = active_problems()
    if template.category:
        pool = pool.filter(category=template.category)
    if template.difficulty:
        pool = pool.filter(difficulty=template.difficulty)
    solved = solved_problem_ids(user)
    candidates = list(pool)
    fresh = [problem for problem in candidates if problem.id not in solved]
    # Never one the candidate has solved, when avoidable.
    chosen_from = fresh if len(fresh) >= template.problem_count else candidates
    if not chosen_from:
        raise InterviewError("no problem matches this interview's filters", field="template")
    return random.sample(chosen_from, min(template.problem_count, len(chosen_from)))


def start_interview(*, user: Any, template: InterviewTemplate) -> Interview:
    if Interview.objects.filter(
        candidate=user, status=Interview.Status.ACTIVE, deadline__gt=timezone.now()
    ).exists():
        raise InterviewError(
            "finish your current interview before starting another", field="template"
        )
    problems = pick_problems(user=user, template=template)
    now = timezone.now()
    with transaction.atomic():
        interview = Interview.objects.create(
            candidate=user,
            template=template,
            started_at=now,
            deadline=now + timedelta(minutes=template.duration_minutes),
        )
        InterviewProblem.objects.bulk_create(
            InterviewProblem(interview=interview, problem=problem, position=i)
            for i, problem in enumerate(problems)
        )
        # Without the broker the interview still starts: finish_due_interviews (every 15 s)
        # finishes it at its deadline instead.
        transaction.on_commit(lambda: broker.send_or_log(
            lambda: tasks.finish_interview.apply_async((interview.id,), eta=interview.deadline),
            f"the clock of interview {interview.id}",
        ))
    return interview


def check_open(interview: Interview, problem: Problem) -> None:
    """Submissions count only before the deadline, and only for the interview's problems."""
    if interview.status != Interview.Status.ACTIVE or timezone.now() >= interview.deadline:
        raise InterviewError(
            f"the interview ended at {interview.deadline:%H:%M:%S} UTC; submissions are closed"
        )
    if not InterviewProblem.objects.filter(interview=interview, problem=problem).exists():
        raise InterviewError("this problem is not part of the interview")


def submit(
    *,
    user: Any,
    interview_id: int,
    problem: Problem,
    field: str | None,
    create: Callable[[Interview], Job],
) -> Job:
    """The candidate hands work in to their interview (``create`` makes the kind's row): the
    clock is checked and the row written in one transaction, so the round cannot end between
    the two (``finish`` waits for the write lock, and then sees the row)."""
    with transaction.atomic():
        interview = (
            Interview.objects.select_for_update().filter(id=interview_id, candidate=user).first()
        )
        if interview is None:
            raise InterviewError(NO_SUCH_SESSION, field="interview")
        try:
            check_open(interview, problem)
        except InterviewError as error:
            raise InterviewError(error.message, field=field) from None
        return create(interview)


def finish(interview_id: int) -> bool:
    """Close an interview whose deadline has passed and submit every problem's latest draft.

    Safe to run twice: only the call that flips the status does the submitting.
    """
    now = timezone.now()
    closed = Interview.objects.filter(
        id=interview_id, status=Interview.Status.ACTIVE, deadline__lte=now
    ).update(status=Interview.Status.FINISHED, finished_at=now)
    if not closed:
        return False
    interview = Interview.objects.get(id=interview_id)
    # The verdicts of the round's submits may be shown from now on.
    shown = list(interview.submissions.order_by("finished_at").values_list("id", flat=True))
    results_visible.send_robust(Interview, submission_ids=shown)
    for entry in InterviewProblem.objects.filter(interview=interview).select_related("problem"):
        if entry.problem.kind == Problem.Kind.DESIGN:
            submit_design_draft(interview, entry.problem)
            continue
        code = newest_code(interview, entry.problem)
        if code is None:
            continue
        create_submission_at_close(
            user=interview.candidate, problem=entry.problem, code=code, interview=interview
        )
    return True


def hand_in_now(*, interview: Interview) -> bool:
    """The candidate is done before the clock: the deadline becomes now and ``finish`` hands
    in every item's newest work, as the clock would. False if the round was over already."""
    now = timezone.now()
    Interview.objects.filter(
        id=interview.id, status=Interview.Status.ACTIVE, deadline__gt=now
    ).update(deadline=now)
    return finish(interview.id)


def newest_code(interview: Interview, problem: Problem) -> str | None:
    """The code the clock hands in: the newest of the draft and the round's last submission
    (a Run counts: its code was on screen), or None when the last submit is that already."""
    draft = Draft.objects.filter(owner=interview.candidate, problem=problem).first()
    latest = Submission.objects.filter(interview=interview, problem=problem).first()
    if latest is not None and (draft is None or latest.created_at >= draft.updated_at):
        code = latest.code  # a draft older than the last submission is stale
    elif draft is not None:
        code = draft.code
    else:
        return None
    last_submit = Submission.objects.filter(
        interview=interview, problem=problem, mode=Submission.Mode.SUBMIT
    ).first()
    if last_submit is not None and last_submit.code == code:
        return None  # the candidate already submitted exactly this
    return code


def submit_design_draft(interview: Interview, problem: Problem) -> None:
    """The clock hands in the latest autosaved design unless exactly it was handed in already."""
    draft = DesignDraft.objects.filter(owner=interview.candidate, problem=problem).first()
    if draft is None:
        return
    last = DesignSubmission.objects.filter(interview=interview, problem=problem).first()
    if last is not None and last.created_at >= draft.updated_at:
        return  # the draft is older than the last hand-in, which stands
    if last is not None and last.write_up == draft.write_up and last.spec is not None:
        try:
            if package_for(problem).check_spec(draft.spec_yaml).to_json() == last.spec:
                return  # the candidate already handed in exactly this
        except SpecError:
            pass
    create_design_submission_at_close(
        user=interview.candidate,
        problem=problem,
        write_up=draft.write_up,
        spec=draft.spec_yaml,
        interview=interview,
    )
