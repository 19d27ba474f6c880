"""Mock interviews: the server's clock, automatic submission at the deadline, the report."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from backend.interviews import services
from backend.interviews.models import Interview, InterviewTemplate
from backend.submissions.models import Draft, Submission
from tests.backend.factories import ProblemFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_queue(monkeypatch):
    """Grading and scheduling are the worker's business here; record what would be sent."""
    sent = []
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", sent.append)
    monkeypatch.setattr(
        "backend.interviews.tasks.finish_interview.apply_async", lambda *a, **k: sent.append(a)
    )
    return sent


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def template():
    ProblemFactory(slug="p1", difficulty="easy")
    ProblemFactory(slug="p2", difficulty="easy")
    ProblemFactory(slug="p3", difficulty="hard")
    return InterviewTemplate.objects.create(
        name="Test round", duration_minutes=10, problem_count=1, difficulty="easy"
    )


def start(api, template) -> dict:
    response = api.post("/api/interviews/", {"template": template.pk}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def expire(interview_id: int) -> None:
    Interview.objects.filter(id=interview_id).update(deadline=timezone.now() - timedelta(seconds=1))


def test_start_sets_a_server_deadline_and_avoids_solved_problems(api, user, template):
    SubmissionFactory(
        owner=user,
        problem=ProblemFactory(slug="p1"),
        mode="submit",
        verdict="accepted",
        status="done",
    )
    state = start(api, template)
    assert state["problems"] == ["p2"]
    assert 590 <= state["seconds_left"] <= 600
    interview = Interview.objects.get(id=state["id"])
    assert interview.deadline - interview.started_at == timedelta(minutes=10)


def test_a_second_start_cannot_reset_the_clock(api, template):
    first = start(api, template)
    again = api.post("/api/interviews/", {"template": template.pk}, format="json")
    assert again.status_code == 400 and "current interview" in again.json()["detail"]
    assert api.get(f"/api/interviews/{first['id']}/").json()["deadline"] == first["deadline"]


def test_submissions_after_the_deadline_are_refused(api, template):
    state = start(api, template)
    slug = state["problems"][0]
    body = {"problem": slug, "code": "x = 1", "mode": "submit", "interview": state["id"]}
    assert api.post("/api/submissions/", body, format="json").status_code == 201
    expire(state["id"])
    late = api.post("/api/submissions/", body, format="json")
    assert late.status_code == 400 and "ended" in late.json()["detail"]


def test_only_the_interviews_problems_and_only_your_interview(api, template):
    state = start(api, template)
    other = "p3"
    wrong_problem = api.post(
        "/api/submissions/",
        {"problem": other, "code": "x", "mode": "submit", "interview": state["id"]},
        format="json",
    )
    assert wrong_problem.status_code == 400
    stranger = APIClient()
    stranger.force_authenticate(UserFactory())
    theirs = stranger.post(
        "/api/submissions/",
        {"problem": state["problems"][0], "code": "x", "mode": "submit", "interview": state["id"]},
        format="json",
    )
    assert theirs.status_code == 400 and "interview" in theirs.json()["detail"]


def test_hidden_results_show_no_verdict_or_score_until_the_end(api, user, template):
    state = start(api, template)
    interview = Interview.objects.get(id=state["id"])
    submission = SubmissionFactory(
        owner=user,
        problem=interview.problems.first(),
        interview=interview,
        status="done",
        verdict="wrong_answer",
        score=0.5,
        result={
            "verdict": "wrong_answer",
            "score": 0.5,
            "cases": [
                {"name": "example", "sample": True, "verdict": "accepted"},
                {"name": "secret", "sample": False, "verdict": "wrong_answer"},
            ],
        },
    )
    during = api.get(f"/api/submissions/{submission.id}/").json()
    assert during["verdict"] is None and during["score"] is None and during["results_hidden"]
    assert [c["name"] for c in during["result"]["cases"]] == ["example"]
    Interview.objects.filter(id=interview.id).update(status="finished")
    after = api.get(f"/api/submissions/{submission.id}/").json()
    assert after["verdict"] == "wrong_answer" and len(after["result"]["cases"]) == 2


def test_finish_submits_the_latest_draft_once_and_closes(api, user, template, no_queue):
    state = start(api, template)
    interview = Interview.objects.get(id=state["id"])
    problem = interview.problems.first()
    Draft.objects.create(owner=user, problem=problem, code="def f():\n    return 2\n")
    assert services.finish(interview.id) is False  # not before the deadline
    expire(interview.id)
    assert services.finish(interview.id) is True
    assert services.finish(interview.id) is False  # twice: nothing more
    automatic = Submission.objects.get(interview=interview)
    assert (
        automatic.automatic
        and automatic.mode == "submit"
        and automatic.code == "def f():\n    return 2\n"
    )
    interview.refresh_from_db()
    assert interview.status == "finished"
    late = api.post(
        "/api/submissions/",
        {"problem": problem.slug, "code": "x", "mode": "submit", "interview": interview.id},
        format="json",
    )
    assert late.status_code == 400


def test_due_interviews_are_swept(api, user, template):
    from backend.interviews.tasks import finish_due_interviews

    state = start(api, template)
    expire(state["id"])
    assert finish_due_interviews() == 1
    assert Interview.objects.get(id=state["id"]).status == "finished"


def test_report_and_shared_link(api, user, template):
    state = start(api, template)
    interview = Interview.objects.get(id=state["id"])
    problem = interview.problems.first()
    SubmissionFactory(
        owner=user,
        problem=problem,
        interview=interview,
        mode="submit",
        status="done",
        verdict="wrong_answer",
        score=0.5,
        code="first try",
    )
    SubmissionFactory(
        owner=user,
        problem=problem,
        interview=interview,
        mode="submit",
        status="done",
        verdict="accepted",
        score=1.0,
        code="second try",
    )
    page = Client()
    page.force_login(user)
    shared_url = f"/interviews/shared/{interview.share_token}/"
    assert Client().get(shared_url).status_code == 404  # not while it runs
    expire(interview.id)
    services.finish(interview.id)
    report = page.get(f"/interviews/{interview.id}/report/").content.decode()
    assert "accepted" in report and "second try" in report and "100%" in report
    shared = Client().get(shared_url)
    assert shared.status_code == 200 and "second try" in shared.content.decode()
    assert Client().get(f"/interviews/{interview.id}/report/").status_code == 302  # login first


def test_starting_from_the_page_with_a_bad_template_is_not_a_server_error(user, template):
    page = Client()
    page.force_login(user)
    assert page.post("/interviews/start/", {"template": "abc"}).status_code == 302
    assert page.post("/interviews/start/", {"template": "999999"}).status_code == 404
    started = page.post("/interviews/start/", {"template": str(template.pk)})
    assert started.status_code == 302 and "/interviews/" in started["Location"]


def test_finish_never_hands_in_a_draft_older_than_the_last_submission(api, user, template):
    state = start(api, template)
    interview = Interview.objects.get(id=state["id"])
    problem = interview.problems.first()
    Draft.objects.create(owner=user, problem=problem, code="older draft")
    SubmissionFactory(owner=user, problem=problem, interview=interview, code="newer submit")
    expire(interview.id)
    assert services.finish(interview.id) is True
    assert list(Submission.objects.values_list("code", flat=True)) == ["newer submit"]


def test_finish_hands_in_a_run_newer_than_the_draft(api, user, template):
    state = start(api, template)
    interview = Interview.objects.get(id=state["id"])
    problem = interview.problems.first()
    SubmissionFactory(owner=user, problem=problem, interview=interview, code="first submit")
    Draft.objects.create(owner=user, problem=problem, code="older draft")
    SubmissionFactory(
        owner=user, problem=problem, interview=interview, code="newest run", mode="run"
    )
    expire(interview.id)
    services.finish(interview.id)
    automatic = Submission.objects.get(interview=interview, automatic=True)
    assert automatic.code == "newest run" and automatic.mode == "submit"


def test_report_names_the_final_verdict_in_words(api, user, template):
    state = start(api, template)
    interview = Interview.objects.get(id=state["id"])
    SubmissionFactory(
        owner=user,
        problem=interview.problems.first(),
        interview=interview,
        mode="submit",
        status="done",
        verdict="wrong_answer",
        result={"verdict": "wrong_answer", "cases": []},
    )
    Interview.objects.filter(id=interview.id).update(status="finished")
    page = Client()
    page.force_login(user)
    report = page.get(f"/interviews/{interview.id}/report/").content.decode()
    assert '<td class="v-wrong_answer">wrong answer</td>' in report
    assert ">wrong_answer<" not in report
