"""A whole mock interview with an early hand-in: the server's clock and a tab per item with its
state on every page of the round, "I'm done: hand in now" behind a confirmation, and a report
that names every failed hidden case, links each attempt and gives times as m:ss."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.browser.conftest import screenshot, wait_for_report

pytestmark = pytest.mark.django_db(transaction=True)

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
WRONG = (PROBLEMS / "equalize_hist/solutions/wrong_answer/textbook_without_cdf_min.py").read_text()
NMS_WRONG = (PROBLEMS / "nms/solutions/wrong_answer/suppress_on_equal.py").read_text()
CLOCK = re.compile(r"^\d+:\d\d$")
CLOCK_SHOWN = "() => /^\\d+:\\d\\d$/.test(document.getElementById('clock').textContent)"


def test_a_round_handed_in_early_reports_every_failed_hidden_case(
    live_server, problems_root, start_worker, browser
):
    from backend.catalog.models import Problem
    from backend.interviews.models import Interview, InterviewTemplate

    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    start_worker()
    template = InterviewTemplate.objects.create(name="Two-problem loop", duration_minutes=30,
                                                problem_count=2)
    template.fixed_problems.add(*Problem.objects.filter(slug__in=["equalize_hist", "nms"]))
    get_user_model().objects.create_user("grace", password="a-long-pass-phrase-42")
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/accounts/login/?next=/interviews/")
    page.fill("#id_username", "grace")
    page.fill("#id_password", "a-long-pass-phrase-42")
    page.click("button[type=submit]")
    page.click("form:has-text('Two-problem loop') button")
    page.wait_for_url("**/interviews/*/")
    interview = Interview.objects.get(candidate__username="grace")
    tabs = page.locator("nav.round .tab")
    assert tabs.count() == 2
    assert tabs.locator(".state").all_inner_texts() == ["not started", "not started"]
    page.wait_for_function(CLOCK_SHOWN)

    # Item 1: a wrong submit; the tab says it was submitted, never how it did.
    page.click("nav.round .tab:has-text('Histogram equalisation')")
    page.wait_for_selector(".cm-editor")
    page.wait_for_function(CLOCK_SHOWN)
    assert page.locator("nav.round .tab.current").inner_text().startswith(("1.", "2."))
    page.evaluate("code => window.cvprepEditor.setValue(code)", WRONG)
    page.click("#submit")
    page.wait_for_selector("#status .v-hidden", timeout=60_000)
    assert page.inner_text("nav.round .tab.current .state") == "submitted 1×"  # at once
    page.reload()
    page.wait_for_selector(".cm-editor")
    current = page.locator("nav.round .tab.current .state").inner_text()
    assert current == "submitted 1×", current
    page.wait_for_function(CLOCK_SHOWN)
    screenshot(page, "interview-item")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "interview-item-phone")
    page.set_viewport_size({"width": 1366, "height": 900})

    # Item 2: code typed but never submitted: the hand-in takes the draft.
    page.click("nav.round .tab:has-text('Non-maximum suppression')")
    page.wait_for_selector(".cm-editor")
    page.evaluate("code => window.cvprepEditor.setValue(code)", NMS_WRONG)
    dialogs: list[str] = []

    def answer(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss() if len(dialogs) == 1 else dialog.accept()

    page.on("dialog", answer)
    page.click("#hand-in button")  # dismissed: nothing happens
    page.wait_for_timeout(300)
    assert "/problems/nms/" in page.url
    assert Interview.objects.get(pk=interview.pk).status == "active"
    page.click("#hand-in button")
    page.wait_for_url(f"{base}/interviews/{interview.pk}/report/")
    assert "Hand in every item now" in dialogs[0]
    wait_for_report(page, lambda text: "still being graded" not in text)
    report = page.inner_text("main")
    assert "status finished" in report
    nms = page.locator("#problem-nms")
    assert "(auto-submitted)" in nms.inner_text()
    failed = nms.locator(".failed-cases tbody tr").all_inner_texts()
    assert len(failed) == 5 and "iou_equal_to_threshold_is_kept" in failed[0], failed
    assert all("wrong answer on a hidden case" in row for row in failed)
    histogram = page.locator("#problem-equalize_hist")
    names = histogram.locator(".failed-cases tbody tr td:first-child").all_inner_texts()
    assert "hidden constant_image_is_unchanged" in names and "sample example" in names
    assert "np.uint8(" not in histogram.locator(".failed-cases").inner_text()
    times = page.locator(".attempts time").all_inner_texts()
    assert times and all(CLOCK.match(t) for t in times), times
    link = histogram.locator(".attempts a").first
    link.click()
    page.wait_for_selector(".code-view")
    assert "textbook" in page.inner_text(".code-view")
    page.go_back()
    page.wait_for_selector("#report-rows")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "interview-report")
    histogram.scroll_into_view_if_needed()
    screenshot(page, "interview-report-failed-cases")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/interviews/{interview.pk}/report/")
    screenshot(page, "interview-report-phone")
    assert errors == []
    page.close()
