"""Reads of design prompts and submissions that pages and the API share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from backend.catalog.models import Problem
from backend.designs.models import DesignAnswer, DesignSubmission
from backend.grading import sessions


def design_prompts() -> QuerySet[Problem]:
    return Problem.objects.filter(is_active=True, kind=Problem.Kind.DESIGN)


def my_designs(user: Any) -> QuerySet[DesignSubmission]:
    return DesignSubmission.objects.filter(owner=user).select_related("problem", "interview")


def answer_unlocked(user: Any, problem: Problem) -> bool:
    """The model answer shows once the candidate has handed in a design of their own for this
    prompt, outside an interview or in one that has ended (never while the clock runs)."""
    if not user.is_authenticated:
        return False
    if sessions.policy().locks_answers(user=user, problem=problem):
        return False
    return (
        DesignSubmission.objects.filter(owner=user, problem=problem)
        .exclude(sessions.policy().results_hidden_q())
        .exists()
    )


def answer_for(problem: Problem) -> DesignAnswer | None:
    return DesignAnswer.objects.filter(problem=problem).first()
