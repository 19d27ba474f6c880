"""Reads of the catalog that views and APIs share."""

from __future__ import annotations

from collections.abc import Callable

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
    return Problem.objects.filter(is_active=True, kind=Problem.Kind.CODING)


StatusSource = Callable[[AbstractBaseUser], dict[int, str]]
_status_sources: list[StatusSource] = []


def register_status_source(source: StatusSource) -> None:
    """An app that grades work on problems (submissions) says which the user has solved or
    attempted; the catalog shows it without importing that app."""
    if source not in _status_sources:
        _status_sources.append(source)


def problem_status_for(user: AbstractBaseUser | AnonymousUser) -> dict[int, str]:
    """problem id -> "solved" or "attempted" for this user (empty when signed out).

    A run on the samples is an attempt as much as a submit; a run on custom input is not."""
    if not user.is_authenticated:
        return {}
    status: dict[int, str] = {}
    for source in _status_sources:
        status.update(source(user))
    return status


DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}
# Sorting by status puts the work in progress first, then what is new, then what is done.
STATUS_ORDER = {"attempted": 0, "": 1, "solved": 2}
SORTS = ("difficulty", "-difficulty", "status")
STATUSES = ("solved", "attempted", "unsolved")


def listing(
    problems: QuerySet[Problem], filters: dict[str, str], status: dict[int, str]
) -> list[Problem]:
    """The problem list's rows for its filters (q, category, difficulty, tag, status) and sort."""
    if filters.get("q"):
        problems = search(problems, filters["q"])
    if filters.get("category"):
        problems = problems.filter(category=filters["category"])
    if filters.get("difficulty"):
        problems = problems.filter(difficulty=filters["difficulty"])
    shown = [p for p in problems if not filters.get("tag") or filters["tag"] in p.tags]
    wanted = filters.get("status")
    if wanted in STATUSES:
        shown = [p for p in shown if (status.get(p.id) or "unsolved") == wanted]
    sort = filters.get("sort")
    if sort in ("difficulty", "-difficulty"):
        shown.sort(key=lambda p: DIFFICULTY_ORDER.get(p.difficulty, 3), reverse=sort[0] == "-")
    elif sort == "status":
        shown.sort(key=lambda p: STATUS_ORDER[status.get(p.id, "")])
    return shown


def category_counts() -> list[dict[str, object]]:
    rows = active_problems().values("category").annotate(count=Count("id")).order_by("category")
    return [dict(row) for row in rows]
