"""Reads about a candidate's submissions that pages share: history, progress, streak."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.utils import timezone

from backend.catalog.models import Problem
from backend.catalog.selectors import active_problems
from backend.grading import sessions
from backend.submissions.models import Submission
from graders.coding.verdicts import Verdict


def _mine(user: Any, problem: Problem | None) -> QuerySet[Submission]:
    queryset = Submission.objects.filter(owner=user).select_related("problem", "interview")
    return queryset.filter(problem=problem) if problem is not None else queryset


def history(user: Any, problem: Problem | None = None) -> QuerySet[Submission]:
    """Attempts at problems: runs on the samples and submits. A run on custom input tries the
    candidate's own case, not the problem, so it is listed apart (``custom_runs``)."""
    return _mine(user, problem).filter(custom_input="")


def custom_runs(user: Any, problem: Problem | None = None) -> QuerySet[Submission]:
    return _mine(user, problem).exclude(custom_input="")


def accepted_submits(user: Any) -> QuerySet[Submission]:
    """Accepted submits whose verdict is known: not those of a still running interview."""
    return Submission.objects.filter(
        owner=user, mode=Submission.Mode.SUBMIT, verdict=Verdict.ACCEPTED
    ).exclude(sessions.policy().results_hidden_q())


def problem_status(user: Any) -> dict[int, str]:
    """problem id -> "solved" or "attempted" (registered with the catalog's selectors). A run
    on the samples is an attempt as much as a submit; a run on custom input is not."""
    status: dict[int, str] = {}
    rows = (
        Submission.objects.filter(owner=user, custom_input="")
        .annotate(
            hidden=Case(
                When(sessions.policy().results_hidden_q(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .values_list("problem_id", "mode", "verdict", "hidden")
        .distinct()
    )
    for problem_id, mode, verdict, hidden in rows:
        # A running interview's verdicts are hidden: its submits count as attempts only.
        submitted = mode == Submission.Mode.SUBMIT
        if submitted and verdict == Verdict.ACCEPTED and not hidden:
            status[problem_id] = "solved"
        else:
            status.setdefault(problem_id, "attempted")
    return status


def solved_problem_ids(user: Any) -> set[int]:
    return set(accepted_submits(user).values_list("problem_id", flat=True).distinct())


def streak(days_with_accepted: set[date], today: date) -> int:
    """Consecutive days, ending today (or yesterday, if today has none yet), with a solve."""
    day = today if today in days_with_accepted else today - timedelta(days=1)
    count = 0
    while day in days_with_accepted:
        count += 1
        day -= timedelta(days=1)
    return count


def progress(user: Any) -> dict[str, Any]:
    solved = solved_problem_ids(user)
    problems = list(active_problems())
    by_category: dict[str, dict[str, int]] = {}
    by_difficulty: dict[str, dict[str, int]] = {}
    for problem in problems:
        for table, key in ((by_category, problem.category), (by_difficulty, problem.difficulty)):
            row = table.setdefault(key, {"solved": 0, "total": 0})
            row["total"] += 1
            row["solved"] += problem.id in solved
    accepted_days = {
        timezone.localtime(moment).date()
        for moment in accepted_submits(user).values_list("created_at", flat=True)
    }
    # Custom-input runs try the candidate's own case: neither attempts nor submissions here.
    attempted = set(history(user).values_list("problem_id", flat=True))
    return {
        "solved": len(solved & {p.id for p in problems}),
        "attempted": len(attempted),
        "total": len(problems),
        "by_category": sorted(by_category.items()),
        "by_difficulty": [
            (d, by_difficulty[d]) for d in ("easy", "medium", "hard") if d in by_difficulty
        ],
        "streak": streak(accepted_days, timezone.localdate()),
        "submissions": history(user).count(),
    }
