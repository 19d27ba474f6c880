"""While a mock interview runs, a submit's result stays hidden on every channel: the API
(submission detail and list, interview detail), the live events, and every page."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from backend.interviews import services
from backend.interviews.models import Interview, InterviewTemplate
from backend.submissions import events
from backend.submissions.models import Submission
from tests.backend.factories import ProblemFactory, SubmissionFactory, UserFactory
from tests.backend.streams import read_chunks, read_stream

pytestmark = pytest.mark.django_db

HIDDEN_CASE = "iou_equal_to_threshold_is_kept"
RESULT = {
    "verdict": "accepted",
    "score": 1.0,
    "passed": 10,
    "total": 10,
    "message": "",
    "cases": [
        {
            "name": "example",
            "sample": True,
            "verdict": "accepted",
            "cpu_time": 0.001,
            "memory_kb": 1024,
        },
        {
            "name": HIDDEN_CASE,
            "sample": False,
            "verdict": "accepted",
            "cpu_time": 0.001,
            "memory_kb": 1024,
        },
    ],
}
# What must not reach the candidate before the end, in any form.
LEAKS = ("accepted", "10/10", "100%", HIDDEN_CASE)


@pytest.fixture(autouse=True)
def no_queue(monkeypatch):
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", lambda *a: None)
    monkeypatch.setattr(
        "backend.interviews.tasks.finish_interview.apply_async", lambda *a, **k: None
    )


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def interview(user) -> Interview:
    problem = ProblemFactory(slug="nms_like", title="Suppression")
    template = InterviewTemplate.objects.create(name="Round", duration_minutes=10)
    template.fixed_problems.add(problem)
    return services.start_interview(user=user, template=template)


@pytest.fixture
def submission(user, interview) -> Submission:
    return SubmissionFactory(
        owner=user,
        problem=interview.problems.get(),
        interview=interview,
        mode="submit",
        status="done",
        verdict="accepted",
        score=1.0,
        result=RESULT,
    )


def parse_events(text: str) -> list[tuple[str, dict]]:
    sent = []
    for block in text.split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in lines:
            sent.append((lines["event"], json.loads(lines["data"])))
    return sent


def assert_hidden(text: str) -> None:
    for leak in LEAKS:
        assert leak not in text, f"{leak!r} leaked"


def test_submission_detail_api_has_no_verdict_score_or_count(client, submission):
    data = client.get(f"/api/submissions/{submission.id}/").json()
    assert data["results_hidden"] is True
    assert data["verdict"] is None and data["score"] is None
    assert [case["name"] for case in data["result"]["cases"]] == ["example"]
    assert "passed" not in data["result"] and "total" not in data["result"]
    assert HIDDEN_CASE not in json.dumps(data)


def test_submission_list_api_has_no_verdict_or_score(client, submission):
    rows = client.get("/api/submissions/").json()["results"]
    assert rows[0]["id"] == submission.id
    assert rows[0]["verdict"] is None and rows[0]["score"] is None
    assert rows[0]["results_hidden"] is True


def test_interview_detail_api_has_no_result(client, interview, submission):
    data = client.get(f"/api/interviews/{interview.id}/").json()
    assert_hidden(json.dumps(data))


def test_live_events_carry_no_hidden_case_or_verdict(client, submission, monkeypatch):
    stream = client.get(f"/api/submissions/{submission.id}/events/")
    text = read_stream(stream)
    sent = dict(parse_events(text))
    assert set(sent) == {"snapshot", "done"}
    for data in sent.values():
        assert data["verdict"] is None and data["score"] is None and data["results_hidden"]
        assert "passed" not in data["result"] and HIDDEN_CASE not in json.dumps(data)

    # While it runs: the worker publishes every case; only the sample is relayed.
    published = [
        {"type": "message", "data": json.dumps({"type": "case", "case": RESULT["cases"][0]})},
        {"type": "message", "data": json.dumps({"type": "case", "case": RESULT["cases"][1]})},
        {"type": "message", "data": json.dumps({"type": "done", "verdict": "accepted"})},
    ]

    class PubSub:
        async def subscribe(self, channel: str) -> None: ...

        async def get_message(self, timeout: float) -> dict | None:
            return published.pop(0) if published else None

        async def aclose(self) -> None: ...

    class Redis:
        def pubsub(self, **kwargs: object) -> PubSub:
            return PubSub()

        async def aclose(self) -> None: ...

    monkeypatch.setattr(events, "async_redis_client", Redis)
    running = Submission.objects.get(id=submission.id)
    running.status = Submission.Status.RUNNING
    chunks = read_chunks(events._stream(running))
    cases = [chunk for chunk in chunks if chunk.startswith("event: case")]
    assert len(cases) == 1 and "example" in cases[0]
    assert HIDDEN_CASE not in "".join(chunks)


def test_pages_show_a_neutral_submitted_state(client, interview, submission):
    slug = submission.problem.slug
    problem_page = client.get(f"/problems/{slug}/?interview={interview.id}").content.decode()
    history = problem_page[problem_page.index('id="history"') :]
    assert "submitted: hidden results at the end" in history
    assert_hidden(history)
    detail = client.get(f"/submissions/{submission.id}/").content.decode()
    assert "submitted: hidden results at the end" in detail
    assert HIDDEN_CASE not in detail and "score" not in detail
    progress = client.get("/progress/").content.decode()
    assert "<strong>0</strong><span>of 1 solved" in progress
    problem_list = client.get("/").content.decode()
    assert "You have solved 0 and attempted 1 more of 1" in problem_list
    assert "✓ solved" not in problem_list
    for url in ("/progress/", "/", f"/interviews/{interview.id}/report/", "/interviews/"):
        page = client.get(url).content.decode()
        assert "100%" not in page and "v-accepted" not in page, url


def test_results_appear_once_the_interview_is_over(client, interview, submission):
    Interview.objects.filter(id=interview.id).update(status="finished")
    data = client.get(f"/api/submissions/{submission.id}/").json()
    assert data["verdict"] == "accepted" and data["score"] == 1.0
    assert data["results_hidden"] is False
    assert "100%" in client.get(f"/interviews/{interview.id}/report/").content.decode()
