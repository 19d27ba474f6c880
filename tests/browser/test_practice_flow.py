"""A candidate's first session, in a real browser: sign up, fail a sample, see why, fix it,
submit, watch the verdict arrive live, and find the attempt in the history and progress."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
WRONG = (PROBLEMS / "equalize_hist/solutions/wrong_answer/textbook_without_cdf_min.py").read_text()
RIGHT = (PROBLEMS / "equalize_hist/solutions/accepted/float64_cdf.py").read_text()


def set_code(page, code: str) -> None:
    page.evaluate("code => window.cvprepEditor.setValue(code)", code)


def test_sign_up_fail_a_sample_fix_it_and_get_accepted(
    live_server, problems_root, start_worker, page
):
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    start_worker()
    base = live_server.url

    page.goto(f"{base}/accounts/signup/")
    page.fill("#id_username", "ada")
    page.fill("#id_password1", "a-long-pass-phrase-42")
    page.fill("#id_password2", "a-long-pass-phrase-42")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.url.rstrip("/") == base, page.content()[:3000]
    assert "Histogram equalisation" in page.content()

    page.click("text=Histogram equalisation")
    page.wait_for_selector(".cm-editor")
    page.click(".cm-content")
    page.keyboard.type("# my first attempt")  # the editor takes keyboard input
    set_code(page, WRONG)
    page.click("#run")
    page.wait_for_selector("#status .v-wrong_answer", timeout=60_000)
    failing = page.locator("table.results tr", has=page.locator("td.v-wrong_answer")).first
    assert "sample" in failing.inner_text()
    assert "expected" in failing.inner_text()  # the message says what differed
    page.wait_for_selector(".pictures img[alt^='difference']", timeout=10_000)
    heat_map = page.locator(".pictures img[alt^='difference']").first
    assert heat_map.evaluate("img => img.complete && img.naturalWidth > 0")
    # the attempt joins the history as it finishes, its verdict in words
    assert "wrong answer" in page.inner_text("#history li >> nth=0")

    page.reload()  # the draft survives a reload
    page.wait_for_function("() => window.cvprepEditor.getValue().includes('textbook')")

    set_code(page, RIGHT)
    page.click("#submit")
    page.wait_for_selector("#status .v-accepted", timeout=60_000)
    assert "13/13" in page.inner_text("#status") or "/13" in page.inner_text("#status")
    screenshot(page, "problem-accepted")

    history = page.locator("#history")
    assert "accepted" in history.inner_text()
    page.click("#history li >> nth=0 >> a")
    page.wait_for_selector(".code-view")
    assert "float64" in page.inner_text(".code-view")

    page.goto(f"{base}/progress/")
    assert "1" in page.inner_text(".stat >> nth=0")
    screenshot(page, "progress")
    page.goto(f"{base}/")
    assert "✓ solved" in page.content()
    assert page.console_errors == []
