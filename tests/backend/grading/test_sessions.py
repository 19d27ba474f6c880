"""The session policy the kinds ask (backend.grading.sessions): with no sessions app nothing is
hidden and no session id is accepted; with interviews, one submit() checks the clock and the
visibility rule hides a running round's results in rows and in querysets alike."""

import pytest
from django.utils import timezone

from backend.grading import sessions
from backend.interviews import services as interviews
from backend.interviews.models import Interview, InterviewTemplate
from backend.lib.errors import ApplicationError
from backend.submissions.models import Submission
from tests.backend.factories import ProblemFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def interview() -> Interview:
    template = InterviewTemplate.objects.create(name="Round", duration_minutes=10)
    template.fixed_problems.add(ProblemFactory(slug="nms_like"))
    return interviews.start_interview(user=UserFactory(), template=template)


def test_without_sessions_nothing_is_hidden_and_no_session_is_accepted(interview, monkeypatch):
    monkeypatch.setattr(sessions, "_policy", sessions.SessionPolicy())
    submission = SubmissionFactory(interview=interview, owner=interview.candidate)
    policy = sessions.policy()
    assert not submission.results_hidden
    assert Submission.objects.exclude(policy.results_hidden_q()).count() == 1
    assert policy.submit(
        user=interview.candidate, session_id=None, problem=None, field=None, create=lambda s: s
    ) is None
    with pytest.raises(ApplicationError) as refused:
        policy.submit(user=interview.candidate, session_id=interview.pk, problem=None,
                      field="code", create=lambda s: s)
    assert refused.value.errors == {"interview": [sessions.NO_SUCH_SESSION]}


def test_a_running_rounds_submits_are_hidden_in_rows_and_querysets(interview):
    problem = interview.problems.get()
    submit = SubmissionFactory(interview=interview, owner=interview.candidate, problem=problem)
    run = SubmissionFactory(
        interview=interview, owner=interview.candidate, problem=problem, mode="run"
    )
    hidden = Submission.objects.filter(sessions.policy().results_hidden_q())
    assert submit.results_hidden and not run.results_hidden  # a run shows its samples only
    assert set(hidden) == {submit, run}
    Interview.objects.filter(pk=interview.pk).update(status=Interview.Status.FINISHED)
    submit.refresh_from_db()
    assert not submit.results_hidden
    assert not Submission.objects.filter(sessions.policy().results_hidden_q()).exists()


def test_submit_checks_the_clock_and_hands_the_interview_to_create(interview):
    problem = interview.problems.get()
    made = sessions.policy().submit(
        user=interview.candidate, session_id=interview.pk, problem=problem, field="code",
        create=lambda session: session,
    )
    assert made == interview
    Interview.objects.filter(pk=interview.pk).update(deadline=timezone.now())
    created = []
    with pytest.raises(ApplicationError) as refused:
        sessions.policy().submit(
            user=interview.candidate, session_id=interview.pk, problem=problem, field="code",
            create=created.append,
        )
    assert "submissions are closed" in refused.value.errors["code"][0] and created == []
    with pytest.raises(ApplicationError) as stranger:
        sessions.policy().submit(
            user=UserFactory(), session_id=interview.pk, problem=problem, field="code",
            create=created.append,
        )
    assert stranger.value.errors == {"interview": [sessions.NO_SUCH_SESSION]}
