"""What a timed session (a mock interview) says about graded work, asked by the kinds without
importing the app that runs sessions: that app registers its policy from AppConfig.ready(), as
reviews' permissions are registered. With nothing registered there are no sessions at all."""

from __future__ import annotations

from typing import Any

from backend.lib.errors import ApplicationError

NO_SUCH_SESSION = "no such interview of yours"


class SessionPolicy:
    """The rules of no sessions; interviews registers a subclass that knows its clock."""

    def session_for(self, *, user: Any, session_id: int, problem: Any = None) -> Any | None:
        """The user's own session ``session_id`` (holding ``problem``, when given), or None."""
        return None

    def open_for(self, *, user: Any, session_id: int, problem: Any, field: str | None) -> Any:
        """The session work on ``problem`` may be handed in to now; otherwise an
        ApplicationError (at ``interview`` when there is no such session, else at ``field``)."""
        raise ApplicationError(NO_SUCH_SESSION, field="interview")

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
