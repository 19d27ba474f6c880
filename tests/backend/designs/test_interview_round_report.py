"""The interview round's pages: tabs with states, the early hand-in, and a report with every
failed case, linked attempts, m:ss times, a Markdown write-up, a YAML spec and an honest rubric."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from backend.designs.models import DesignDraft, DesignSubmission
from backend.interviews import services
from backend.interviews.models import Interview, InterviewTemplate
from backend.interviews.selectors import clock_time
from backend.submissions.models import Submission
from tests.backend.designs.test_design_api import GOOD_YAML
from tests.backend.factories import ProblemFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_scheduling(monkeypatch):
    monkeypatch.setattr(
        "backend.interviews.tasks.finish_interview.apply_async", lambda *a, **k: None
    )
    monkeypatch.setattr("backend.submissions.tasks.grade_submission.delay", lambda *a: None)


@pytest.fixture
def interview(user, prompt, queued):
    ProblemFactory(slug="warmup", title="Warm-up", difficulty="easy")
    template = InterviewTemplate.objects.create(
        name="Loop", duration_minutes=45, problem_count=1, design_count=1, difficulty="easy"
    )
    return services.start_interview(user=user, template=template)


@pytest.fixture
def client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_clock_time_reads_like_the_interview_clock():
    assert clock_time(timedelta(seconds=28)) == "0:28"
    assert clock_time(timedelta(minutes=12, seconds=5)) == "12:05"
    assert clock_time(timedelta(hours=1, minutes=2, seconds=3)) == "1:02:03"


def test_every_item_shows_the_clock_and_tabs_with_states(user, interview, prompt, client):
    detail = client.get(f"/interviews/{interview.pk}/").content.decode()
    assert detail.count('<a class="tab') == 2 and 'id="clock"' in detail
    assert "not started" in detail
    SubmissionFactory(owner=user, problem=interview.problems.get(slug="warmup"),
                      interview=interview, status="done", verdict="accepted")
    page = client.get(f"/problems/warmup/?interview={interview.pk}").content.decode()
    assert 'id="clock"' in page and "submitted 1×" in page and 'aria-current="page"' in page
    assert "accepted" not in page[page.index('class="round"'):page.index("</nav>")]
    design = client.get(f"/design/{prompt.slug}/?interview={interview.pk}").content.decode()
    assert 'id="clock"' in design and "I'm done: hand in now" in design


def test_hand_in_now_ends_the_round_and_hands_in_the_drafts(user, interview, prompt, client):
    DesignDraft.objects.create(owner=user, problem=prompt, write_up="# Plan\n\n**batch** 8",
                               spec_yaml=GOOD_YAML)
    response = client.post(f"/interviews/{interview.pk}/hand-in/")
    assert response.status_code == 302 and response["Location"].endswith("/report/")
    interview.refresh_from_db()
    assert interview.status == Interview.Status.FINISHED
    assert DesignSubmission.objects.filter(interview=interview, automatic=True).count() == 1
    assert client.post(f"/interviews/{interview.pk}/hand-in/").status_code == 302  # twice: no-op
    assert DesignSubmission.objects.filter(interview=interview).count() == 1


def test_report_lists_failed_cases_links_attempts_and_renders_the_design(
    user, interview, prompt, client
):
    from backend.designs import tasks

    warmup = interview.problems.get(slug="warmup")
    result = {"cases": [
        {"name": "example", "sample": True, "verdict": "accepted", "message": ""},
        {"name": "ties_keep_lower_index", "sample": False, "verdict": "wrong_answer",
         "message": "wrong answer on a hidden case"},
        {"name": "huge", "sample": False, "verdict": "time_limit_exceeded",
         "message": "ran past the time limit; got np.int64(2)"},
    ]}
    submission = SubmissionFactory(owner=user, problem=warmup, interview=interview,
                                   status="done", verdict="wrong_answer", score=0.33,
                                   result=result)
    Submission.objects.filter(pk=submission.pk).update(
        created_at=interview.started_at + timedelta(seconds=28))
    DesignDraft.objects.create(owner=user, problem=prompt, write_up="# Plan\n\n**batch** 8",
                               spec_yaml=GOOD_YAML)
    services.hand_in_now(interview=interview)
    tasks.grade_design(DesignSubmission.objects.get(interview=interview).pk)
    page = client.get(f"/interviews/{interview.pk}/report/").content.decode()
    assert "ties_keep_lower_index" in page and "wrong answer on a hidden case" in page
    assert "got 2" in page and "np.int64" not in page
    assert f'href="/submissions/{submission.pk}/"' in page and "<time>0:28</time>" in page
    assert "<strong>batch</strong>" in page and "<h1>Plan</h1>" in page
    assert "stages:" in page  # the spec as YAML, not a Python dict
    assert "rubric <span class=\"muted\">not scored yet</span>" in page
    assert "not scored yet /" in page


def test_check_simulates_without_storing_and_one_at_a_time(user, prompt, client):
    from backend.grading.admission import shared_cache
    from tests.backend.designs.test_design_api import GOOD_YAML as spec

    url = f"/design/{prompt.slug}/check/"
    answer = client.post(url, {"spec_mode": "yaml", "spec_yaml": spec}).json()
    assert answer["ok"] and answer["passed"] == answer["total"]
    assert "p99 is read from the slowest" in answer["window"]["text"]
    assert not DesignSubmission.objects.exists()
    bad = client.post(url, {"spec_mode": "yaml", "spec_yaml": "stages: 3"}).json()
    assert bad["ok"] is False and bad["errors"]
    # another web process's check of this user holds the lock in the cache they share
    shared_cache().add(f"design-check:{user.pk}", 1)
    busy = client.post(url, {"spec_mode": "yaml", "spec_yaml": spec}).json()
    assert busy == {"ok": False, "errors": {"check": "a check of yours is still running"}}
    shared_cache().delete(f"design-check:{user.pk}")
    assert client.post(url, {"spec_mode": "yaml", "spec_yaml": spec}).json()["ok"]
    assert Client().post(url, {"spec_mode": "yaml", "spec_yaml": spec}).status_code == 302
