"""Pages with wide tables fit a phone: long case names and messages wrap inside their cells and a
wide diff scrolls in its own box, so the page itself never scrolls sideways at 390 px."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from backend.designs.models import DesignAnswer, DesignSubmission
from backend.interviews.models import Interview, InterviewProblem, InterviewTemplate
from tests.backend.factories import ProblemFactory, SubmissionFactory
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase-42"
CASES = [
    {
        "name": "example",
        "sample": True,
        "verdict": "runtime_error",
        "message": "NotImplementedError: (solution.py line 6)",
    },
    {
        "name": "two_identical_rows_gy_zero_on_a_frame_of_1080p",
        "sample": False,
        "verdict": "wrong_answer",
        "message": "wrong answer on a hidden case",
    },
]


def page_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_interview_report_and_diff_fit_a_phone(live_server, browser):
    user = get_user_model().objects.create_user("ada", password=PASSWORD)
    problem = ProblemFactory(slug="background_subtraction", title="Running-average background")
    template = InterviewTemplate.objects.create(name="Quick round", duration_minutes=10)
    now = timezone.now()
    interview = Interview.objects.create(
        candidate=user,
        template=template,
        started_at=now - timedelta(minutes=10),
        deadline=now,
        status="finished",
        finished_at=now,
    )
    InterviewProblem.objects.create(interview=interview, problem=problem, position=1)
    design = ProblemFactory(slug="design_line", title="Defect rejection", kind="design")
    InterviewProblem.objects.create(interview=interview, problem=design, position=2)
    DesignAnswer.objects.create(  # a rubric whose strong answer holds one long slashed word
        problem=design,
        model_answer="",
        model_spec={},
        rubric=[
            {
                "id": "deadline",
                "title": "Derives the vision budget from the mechanics",
                "points": 3,
                "strong_answer": "Works back from the conveyor; trigger/exposure/transfer "
                "(~6 ms) and grabbing/debayer CPU cores.",
            }
        ],
    )
    # its summary row reads "simulation 70% · rubric not scored yet"
    DesignSubmission.objects.create(
        owner=user,
        problem=design,
        interview=interview,
        write_up="A line-scan camera, one inference per part.",
        spec={},
        status="done",
        score=0.7,
        report={"checks": [], "passed": 7, "total": 10},
    )
    first = SubmissionFactory(
        owner=user, problem=problem, code="x = 1\n" * 3, status="done", verdict="wrong_answer"
    )
    final = SubmissionFactory(
        owner=user,
        problem=problem,
        interview=interview,
        mode="submit",
        status="done",
        verdict="runtime_error",
        code="frames = " + "[0] * 1000 + " * 12 + "[]\n",
        result={"verdict": "runtime_error", "score": 0.0, "cases": CASES},
    )

    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/interviews/{interview.id}/report/")
    assert "two_identical_rows_gy_zero_on_a_frame_of_1080p" in page.inner_text("main")
    for table in ("#report-rows", "table.failed-cases", "table.rubric"):
        assert page.locator(table).evaluate("t => t.getBoundingClientRect().right") <= 390, table
    assert page_width(page) <= 390
    screenshot(page, "interview-report-phone")
    page.goto(f"{live_server.url}/submissions/{first.id}/diff/{final.id}/")
    page.wait_for_selector("table.diff")
    assert page_width(page) <= 390
    page.close()
