"""What a timed session (a mock interview) says about graded work, asked by the kinds without
importing the app that runs sessions: that app registers its policy from AppConfig.ready(), as
reviews' permissions are registered. With nothing registered there are no sessions at all.

A kind's row records its session in a nullable ``interview`` foreign key; ``results_hidden_q``
filters on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Q
from django.http import HttpRequest

from backend.lib.errors import ApplicationError

NO_SUCH_SESSION = "no such interview of yours"
Job = TypeVar("Job")


class SessionPolicy:
    """The rules of no sessions; interviews registers a subclass that knows its clock."""

    def session_for(self, *, user: Any, session_id: int, problem: Any = None) -> Any | None:
        """The user's own session ``session_id`` (holding ``problem``, when given), or None."""
        return None

    def submit(
        self,
        *,
        user: Any,
        session_id: int | None,
        problem: Any,
        field: str | None,
        create: Callable[[Any], Job],
    ) -> Job:
        """Hand work in: outside a session ``create(None)``; in session ``session_id``, check
        its clock and ``create(session)``, so that the round cannot end between the two. A
        refusal is an ApplicationError (at ``interview`` when there is no such session of the
        user's, else at ``field``)."""
        if session_id is None:
            return create(None)
        raise ApplicationError(NO_SUCH_SESSION, field="interview")

    def results_hidden(self, *, job: Any) -> bool:
        """True while the session ``job`` was handed in to still runs: its results (verdict,
        score, hidden cases) wait for the end, on every page, API answer and live event."""
        return False

    def results_hidden_q(self) -> Q:
        """The rows ``results_hidden`` is true of, for a queryset's filter or exclude."""
        return Q(pk__isnull=True)  # no row: there are no sessions

    def ended_q(self) -> Q:
        """The rows handed in to a session that has ended, whose results are out: what a list
        over finished sessions (similar hand-ins for reviewers) may show."""
        return Q(pk__isnull=True)  # no row: there are no sessions

    def locks_answers(self, *, user: Any, problem: Any) -> bool:
        """True while a session that holds ``problem`` runs: model answers stay shut."""
        return False

    def round_for(self, *, session: Any, problem: Any) -> list[dict[str, Any]] | None:
        """The running session's items as a page's tabs (its bar), or None once it is over."""
        return None

    def reviews(self, *, user: Any, job: Any) -> bool:
        """May ``user`` (not the owner) see ``job`` as a reviewer of its session?"""
        return False


_policy: SessionPolicy = SessionPolicy()


def register(policy: SessionPolicy) -> None:
    global _policy
    _policy = policy


def policy() -> SessionPolicy:
    return _policy


def session_id_of(value: Any) -> int | None:
    """A session id as a form or a query string sends it, or None (absent or not an id)."""
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) <= 18 else None


def session_of_request(request: HttpRequest, problem: Any = None) -> Any | None:
    """Which session a page's request is in: ``?interview=<id>`` (or the form's field), the
    user's own and holding ``problem`` when given; None otherwise."""
    session_id = session_id_of(request.GET.get("interview") or request.POST.get("interview"))
    if session_id is None:
        return None
    return _policy.session_for(user=request.user, session_id=session_id, problem=problem)
