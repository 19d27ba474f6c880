"""The interview's rules about graded work, registered with backend.grading.sessions: the
kinds ask them and never import this app."""

from __future__ import annotations

from typing import Any

from backend.grading.sessions import NO_SUCH_SESSION, SessionPolicy
from backend.interviews.models import Interview
from backend.interviews.review import is_reviewer
from backend.interviews.selectors import round_items
from backend.interviews.services import InterviewError, check_open
from backend.lib.errors import ApplicationError


class InterviewSessions(SessionPolicy):
    def session_for(self, *, user: Any, session_id: int, problem: Any = None) -> Any | None:
        if not user.is_authenticated:
            return None
        interviews = Interview.objects.filter(pk=session_id, candidate=user)
        if problem is not None:
            interviews = interviews.filter(problems=problem)
        return interviews.first()

    def open_for(self, *, user: Any, session_id: int, problem: Any, field: str | None) -> Any:
        interview = Interview.objects.filter(id=session_id, candidate=user).first()
        if interview is None:
            raise ApplicationError(NO_SUCH_SESSION, field="interview")
        try:
            check_open(interview, problem)
        except InterviewError as error:
            raise ApplicationError(error.message, field=field) from None
        return interview

    def locks_answers(self, *, user: Any, problem: Any) -> bool:
        return Interview.objects.filter(
            candidate=user, status=Interview.Status.ACTIVE, problems=problem
        ).exists()

    def round_for(self, *, session: Any, problem: Any) -> list[dict[str, Any]] | None:
        if session.status != Interview.Status.ACTIVE:
            return None
        return round_items(session, problem)

    def reviews(self, *, user: Any, job: Any) -> bool:
        interview = getattr(job, "interview", None)
        return bool(
            interview is not None
            and interview.status == Interview.Status.FINISHED
            and is_reviewer(user, interview)
        )
