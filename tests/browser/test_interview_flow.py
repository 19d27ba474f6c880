"""A short mock interview in the browser: start it, see the clock, submit, run out of time,
get the automatic submission of the draft, and read the report."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from tests.browser.conftest import wait_for_report

pytestmark = pytest.mark.django_db(transaction=True)

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
RIGHT = (PROBLEMS / "equalize_hist/solutions/accepted/float64_cdf.py").read_text()



def test_a_ten_minute_interview_runs_out_and_reports(
    live_server, problems_root, start_worker, page
):
    from backend.catalog.models import Problem
    from backend.interviews.models import Interview, InterviewTemplate
    from backend.interviews.tasks import finish_interview

    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    start_worker()
    template = InterviewTemplate.objects.create(
        name="Ten minutes", duration_minutes=10, problem_count=1
    )
    template.fixed_problems.add(Problem.objects.get(slug="equalize_hist"))
    get_user_model().objects.create_user("grace", password="a-long-pass-phrase-42")
    base = live_server.url

    page.goto(f"{base}/accounts/login/?next=/interviews/")
    page.fill("#id_username", "grace")
    page.fill("#id_password", "a-long-pass-phrase-42")
    page.click("button[type=submit]")
    page.click("form:has-text('Ten minutes') button")
    page.wait_for_function(
        "() => /^\\d+:\\d\\d$/.test(document.getElementById('clock').textContent)"
    )
    assert page.inner_text("#clock").startswith(("9:", "10:"))

    page.click("text=Histogram equalisation")
    page.wait_for_selector(".cm-editor")
    page.evaluate("code => window.cvprepEditor.setValue(code)", RIGHT)
    page.wait_for_selector("#draft-status:has-text('draft saved')", timeout=10_000)

    interview = Interview.objects.get(candidate__username="grace")
    Interview.objects.filter(id=interview.id).update(deadline=timezone.now() - timedelta(seconds=1))
    finish_interview.delay(interview.id)  # the task scheduled for the deadline
    page.goto(f"{base}/interviews/{interview.id}/")
    page.wait_for_url(f"{base}/interviews/{interview.id}/report/")
    wait_for_report(
        page, lambda text: "auto-submitted" in text and "still being graded" not in text, 60
    )
    report = page.inner_text("main")
    assert "accepted (auto-submitted)" in report
    assert "100%" in report and "float64" in report
    assert page.console_errors == []
