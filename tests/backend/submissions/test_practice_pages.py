"""Drafts, pictures, live events, history, diff and progress: the practice pages' back end."""

from datetime import date

import pytest
from django.test import Client
from rest_framework.test import APIClient

from backend.grading import artifacts
from backend.submissions.models import Draft, Submission
from backend.submissions.selectors import streak
from tests.backend.factories import ProblemFactory, SubmissionFactory, UserFactory
from tests.backend.streams import read_stream

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_draft_defaults_to_starter_then_saves_and_restores(api, user):
    problem = ProblemFactory(slug="blur", starter="def blur():\n    pass\n")
    first = api.get("/api/problems/blur/draft/").json()
    assert first == {"code": problem.starter, "saved": False, "updated_at": None}
    assert (
        api.put("/api/problems/blur/draft/", {"code": "x = 1\n"}, format="json").status_code == 200
    )
    assert api.get("/api/problems/blur/draft/").json()["code"] == "x = 1\n"
    assert Draft.objects.get(owner=user, problem=problem).code == "x = 1\n"


def test_draft_is_private_and_limited(api):
    ProblemFactory(slug="blur")
    assert APIClient().get("/api/problems/blur/draft/").status_code in (401, 403)
    too_big = api.put("/api/problems/blur/draft/", {"code": "#" * (64 * 1024 + 1)}, format="json")
    assert too_big.status_code == 400


def test_case_images_only_for_the_owner(user):
    submission = SubmissionFactory(owner=user)
    artifacts.replace(Submission, submission.id, {"example/difference": b"\x89PNG"})
    url = f"/api/submissions/{submission.id}/images/example/difference.png"
    owner = Client()
    owner.force_login(user)
    response = owner.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(url).status_code == 404
    # signed out: a 403 asking to sign in, as every graded kind's pictures answer
    assert Client().get(url).status_code == 403


def test_event_stream_of_a_finished_submission_sends_snapshot_and_done(user):
    submission = SubmissionFactory(
        owner=user,
        status="done",
        verdict="accepted",
        score=1.0,
        result={"verdict": "accepted", "cases": []},
    )
    client = Client()
    client.force_login(user)
    response = client.get(f"/api/submissions/{submission.id}/events/")
    body = read_stream(response)
    assert response["Content-Type"] == "text/event-stream"
    assert "event: snapshot" in body and "event: done" in body and '"verdict": "accepted"' in body
    other = Client()
    other.force_login(UserFactory())
    assert other.get(f"/api/submissions/{submission.id}/events/").status_code == 404


def test_history_diff_and_progress_pages(user):
    problem = ProblemFactory(slug="blur", title="Blur it")
    first = SubmissionFactory(
        owner=user, problem=problem, code="a = 1\n", status="done", verdict="wrong_answer"
    )
    second = SubmissionFactory(
        owner=user, problem=problem, code="a = 2\n", status="done", verdict="accepted"
    )
    client = Client()
    client.force_login(user)
    detail = client.get(f"/submissions/{second.id}/").content.decode()
    assert "accepted" in detail and f"/submissions/{first.id}/diff/{second.id}/" in detail
    diff = client.get(f"/submissions/{first.id}/diff/{second.id}/").content.decode()
    assert "diff_chg" in diff and f"#{first.id}" in diff and f"#{second.id}" in diff
    progress = client.get("/progress/").content.decode()
    assert "of 1 solved" in progress and "Blur it" in progress
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(f"/submissions/{second.id}/").status_code == 404


def test_streak_counts_consecutive_days_ending_today_or_yesterday():
    today = date(2026, 11, 25)
    days = {date(2026, 11, 25), date(2026, 11, 24), date(2026, 11, 22)}
    assert streak(days, today) == 2
    assert streak({date(2026, 11, 24), date(2026, 11, 23)}, today) == 2
    assert streak({date(2026, 11, 20)}, today) == 0


def test_problem_list_filters_and_marks_solved(user):
    ProblemFactory(slug="a", title="Alpha", category="detection", difficulty="easy", tags=["boxes"])
    solved = ProblemFactory(
        slug="b", title="Beta", category="geometry", difficulty="hard", tags=["svd"]
    )
    SubmissionFactory(owner=user, problem=solved, status="done", verdict="accepted")
    client = Client()
    client.force_login(user)
    page = client.get("/?difficulty=hard").content.decode()
    assert "Beta" in page and "Alpha" not in page and "✓ solved" in page
    assert "Alpha" in client.get("/?tag=boxes").content.decode()
    assert "Beta" not in client.get("/?q=alp").content.decode()


def test_problem_list_shows_each_coding_problems_runtime():
    ProblemFactory(slug="kd", title="KD loss", details={"runtime": "torch"})
    ProblemFactory(slug="nms", title="NMS", details={"runtime": "numpy"})
    ProblemFactory(slug="old", title="Synced before runtimes", details={})
    page = Client().get("/").content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in page.split("<tr")[1:]}
    assert 'class="runtime torch"' in rows["KD loss"] and "PyTorch" in rows["KD loss"]
    assert 'class="runtime numpy"' in rows["NMS"]
    assert 'class="runtime numpy"' in rows["Synced before runtimes"]


def test_history_and_progress_name_a_verdict_in_words_not_its_stored_value(user):
    problem = ProblemFactory(slug="blur", title="Blur it")
    SubmissionFactory(
        owner=user, problem=problem, code="a = 1\n", status="done", verdict="wrong_answer"
    )
    client = Client()
    client.force_login(user)
    for page in ("/problems/blur/", "/progress/"):
        html = client.get(page).content.decode()
        assert '<span class="v-wrong_answer">wrong answer</span>' in html, page
        assert ">wrong_answer<" not in html, page


def test_diff_headers_name_each_verdict_in_words(user):
    problem = ProblemFactory(slug="blur", title="Blur it")
    first = SubmissionFactory(
        owner=user, problem=problem, code="a = 1\n", status="done", verdict="wrong_answer"
    )
    second = SubmissionFactory(
        owner=user, problem=problem, code="a = 2\n", status="done", verdict="accepted"
    )
    client = Client()
    client.force_login(user)
    diff = client.get(f"/submissions/{first.id}/diff/{second.id}/").content.decode()
    assert f"#{first.id} wrong answer" in diff and "wrong_answer" not in diff


def test_problem_list_ignores_a_difficulty_or_category_its_selects_do_not_offer():
    ProblemFactory(slug="a", title="Alpha", category="detection", difficulty="easy")
    client = Client()
    for query in ("difficulty=insane", "category=no-such-category"):
        page = client.get(f"/?{query}").content.decode()
        assert "Alpha" in page and "No problem matches" not in page, query
    assert "No problem matches" in client.get("/?difficulty=hard").content.decode()
