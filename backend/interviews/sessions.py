"""The interview's rules about graded work, registered with backend.grading.sessions: the
kinds ask them and never import this app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q

from backend.grading.sessions import Job, SessionPolicy
from backend.interviews import services
from backend.interviews.models import Interview
from backend.interviews.review import is_reviewer
from backend.interviews.selectors import round_items


class InterviewSessions(SessionPolicy):
    def session_for(self, *, user: Any, session_id: int, problem: Any = None) -> Any | None:
        if not user.is_authenticated:
            return None
        interviews = Interview.objects.filter(pk=session_id, candidate=user)
        if problem is not None:
            interviews = interviews.filter(problems=problem)
        return interviews.first()

    def submit(
        self,
        *,
        user: Any,
        session_id: int | None,
        problem: Any,
        field: str | None,
        create: Callable[[Any], Job],
    ) -> Job:
        if session_id is None:
            return create(None)
        return services.submit(
            user=user, interview_id=session_id, problem=problem, field=field, create=create
        )

    def results_hidden(self, *, job: Any) -> bool:
        return job.interview_id is not None and job.interview.status == Interview.Status.ACTIVE

    def results_hidden_q(self) -> Q:
        return Q(interview__status=Interview.Status.ACTIVE)

    def ended_q(self) -> Q:
        return Q(interview__status=Interview.Status.FINISHED)

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
