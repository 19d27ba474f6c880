"""A coding problem inside a running mock interview, in the browser: Submit sends the draft
first, and the result waits for the end in a neutral state (no verdict, score or count)."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
RIGHT = (PROBLEMS / "equalize_hist/solutions/accepted/float64_cdf.py").read_text()


def start_interview(page, base: str, problems_root: Path) -> int:
    from backend.catalog.models import Problem
    from backend.interviews.models import Interview, InterviewTemplate

    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    template = InterviewTemplate.objects.create(name="One problem", duration_minutes=10)
    template.fixed_problems.add(Problem.objects.get(slug="equalize_hist"))
    get_user_model().objects.create_user("grace", password="a-long-pass-phrase-42")
    page.goto(f"{base}/accounts/login/?next=/interviews/")
    page.fill("#id_username", "grace")
    page.fill("#id_password", "a-long-pass-phrase-42")
    page.click("button[type=submit]")
    page.click("form:has-text('One problem') button")
    page.wait_for_url("**/interviews/*/")
    interview = Interview.objects.get(candidate__username="grace")
    page.goto(f"{base}/problems/equalize_hist/?interview={interview.id}")
    page.wait_for_selector(".cm-editor")
    return interview.id


def test_submit_saves_the_pending_draft_before_submitting(
    live_server, problems_root, start_worker, page
):
    start_worker()
    start_interview(page, live_server.url, problems_root)
    sent: list[str] = []
    page.on(
        "request",
        lambda r: (
            r.method in ("PUT", "POST") and sent.append(f"{r.method} {r.url.split('/api/', 1)[-1]}")
        ),
    )
    page.evaluate("code => window.cvprepEditor.setValue(code)", RIGHT)
    page.click("#submit")  # at once: the debounced save has not gone out yet
    page.wait_for_selector("#status strong", timeout=60_000)
    writes = [request for request in sent if "/recordings/" not in request]  # the recorder's
    assert writes[:2] == ["PUT problems/equalize_hist/draft/", "POST submissions/"], sent

    from backend.submissions.models import Draft

    assert Draft.objects.get(problem__slug="equalize_hist").code == RIGHT
    assert page.console_errors == []


def test_a_submit_during_the_round_shows_a_neutral_state(
    live_server, problems_root, start_worker, page
):
    start_worker()
    start_interview(page, live_server.url, problems_root)
    page.evaluate("code => window.cvprepEditor.setValue(code)", RIGHT)
    page.click("#submit")
    page.wait_for_selector("#status strong", timeout=60_000)
    status = page.inner_text("#status")
    assert "submitted: hidden results at the end" in status
    assert "internal error" not in status and "cases" not in status
    assert "hidden" not in page.inner_text("#results")  # sample cases only
    assert "accepted" not in page.inner_text("#history")
    assert page.console_errors == []
