"""Reads of the catalog that views and APIs share."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, QuerySet

from backend.catalog.models import Problem


def _folded(text: str) -> str:
    """Lowercase letters and digits only: "Non-maximum suppression" ~ "non maximum" ~ "nonmax"."""
    return "".join(character for character in text.lower() if character.isalnum())


def matches(problem: Problem, query: str) -> bool:
    """Search by title, slug, tags and the package's aliases (``nms`` finds
    "Non-maximum suppression"), ignoring case, spaces, hyphens and underscores."""
    wanted = _folded(query)
    if not wanted:
        return True
    aliases = (problem.details or {}).get("aliases", [])
    names = [problem.title, problem.slug, *problem.tags, *aliases]
    return any(wanted in _folded(name) for name in names)


def search(problems: QuerySet[Problem], query: str) -> QuerySet[Problem]:
    # The catalog is a few dozen rows: matching in Python keeps one rule for SQLite and PostgreSQL.
    return problems.filter(id__in=[p.id for p in problems if matches(p, query)])


def active_problems() -> QuerySet[Problem]:
    return Problem.objects.filter(is_active=True, kind="coding")


def problem_status_for(user: AbstractBaseUser | AnonymousUser) -> dict[int, str]:
    """problem id -> "solved" or "attempted" for this user (empty when signed out)."""
    if not user.is_authenticated:
        return {}
    from backend.submissions.models import Submission

    status: dict[int, str] = {}
    rows = (
        Submission.objects.filter(owner=user, mode=Submission.Mode.SUBMIT)
        .values_list("problem_id", "verdict", "interview__status")
        .distinct()
    )
    for problem_id, verdict, interview_status in rows:
        # A running interview's verdicts are hidden: its submits count as attempts only.
        if verdict == "accepted" and interview_status != "active":
            status[problem_id] = "solved"
        else:
            status.setdefault(problem_id, "attempted")
    return status


def category_counts() -> list[dict[str, object]]:
    return list(
        active_problems().values("category").annotate(count=Count("id")).order_by("category")
    )
