"""A take-home from end to end in two browsers: a reviewer assigns it, the candidate (another
browser context) downloads the data and hands in, a real worker grades it, the reviewer
comments on a code line, scores and releases, and the candidate reads the feedback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.backend.factories import UserFactory
from tests.backend.takehomes.conftest import code_zip, make_reviewer, predictions_csv
from tests.browser.conftest import screenshot
from tests.integration.test_takehome_grading import (  # noqa: F401
    start_takehome_worker,
    takehome_env,
    takehome_worker,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-pass-phrase-42"


def log_in(page, base: str, username: str, next_url: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def new_page(browser):
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


def test_assign_hand_in_grade_review_release_read(
    live_server,
    takehome_worker,  # noqa: F811
    browser,
    tmp_path: Path,
):
    from graders.takehome import load_takehome

    base = live_server.url
    reviewer = make_reviewer("rita")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    UserFactory(username="carl", password=PASSWORD)
    package = load_takehome(takehome_worker / "th_shapes")

    rita = new_page(browser)
    log_in(rita, base, "rita", "/takehomes/")
    rita.fill("#id_candidate", "carl")
    rita.click("#assign-form button[type=submit]")
    rita.wait_for_selector("text=Brief")
    assignment_url = rita.url

    carl = new_page(browser)
    log_in(carl, base, "carl", "/takehomes/")
    carl.click("text=Take-home: a fast shape classifier")
    with carl.expect_download() as download:
        carl.click("#dataset")
    data = tmp_path / "data.zip"
    download.value.save_as(data)
    assert "README.md" in zipfile.ZipFile(data).namelist()

    (tmp_path / "predictions.csv").write_bytes(predictions_csv(package, right=True))
    (tmp_path / "code.zip").write_bytes(code_zip())
    carl.set_input_files("#id_predictions", str(tmp_path / "predictions.csv"))
    carl.set_input_files("#id_code", str(tmp_path / "code.zip"))
    # The write-up typed in the text box, no file needed.
    carl.fill("#id_writeup_text", "# Approach\n\nA small **CNN**, 3 ms on CPU.\n")
    carl.fill("#id_reported_latency_ms", "3")
    carl.click("#hand-in-form button[type=submit]")
    carl.wait_for_selector("h1:has-text('Hand-in')")
    carl.wait_for_selector("#metrics", timeout=60_000)  # the page reloads itself until graded
    assert "macro-F1" in carl.inner_text("#metrics")
    assert carl.inner_text(".markdown.statement h1") == "Approach"
    assert carl.locator(".markdown.statement strong", has_text="CNN").count() == 1
    hand_in_url = carl.url

    rita.goto(hand_in_url)
    rita.click("#files >> text=train.py")
    rita.click(".line-button[data-line='5']")
    assert rita.input_value("#id_line") == "5"
    rita.fill("#id_body", "Why **times two**?")
    rita.click("#line-comment-form button[type=submit]")
    rita.wait_for_selector("tr.line-comments >> text=times two")
    rita.goto(assignment_url)
    rita.fill("#score_metric", "30")
    rita.fill("#score_code", "15")
    assert rita.inner_text("#rubric-total") == "45 / 100"  # the total follows the points
    rita.fill("#id_summary", "A clear write-up; the latency method is missing.")
    rita.select_option("#id_decision", "yes")
    rita.click("#review-form button[type=submit]")
    rita.wait_for_selector("#release-form")
    saved = rita.inner_text("#review-saved")
    assert "Review saved" in saved and "45 / 100" in saved, saved
    assert rita.inner_text("#rubric-total") == "45 / 100"
    rita.locator("#review").scroll_into_view_if_needed()
    screenshot(rita, "takehome-review")
    carl.goto(assignment_url)
    assert "latency method" not in carl.inner_text("main")  # nothing before release
    rita.click("#release-form button")
    rita.wait_for_selector("text=Released")

    carl.goto(assignment_url)
    banner = carl.locator("#feedback-arrived")  # at the top, above the title
    assert banner.bounding_box()["y"] < carl.locator("h1").first.bounding_box()["y"]
    assert "Feedback has arrived" in banner.inner_text() and "45 / 100" in banner.inner_text()
    screenshot(carl, "takehome-feedback")
    carl.set_viewport_size({"width": 390, "height": 844})
    screenshot(carl, "takehome-feedback-phone")
    carl.set_viewport_size({"width": 1366, "height": 900})
    assert "latency method is missing" in carl.inner_text("#summary")
    assert "45 / 100" in carl.inner_text("main")
    carl.click("text=Comments on your code")
    carl.click("#files >> text=train.py")
    assert "times two" in carl.inner_text("tr.line-comments")
    # The candidate answers in the thread, as on a pull request; the reviewer reads it.
    carl.click("tr.line-comments summary:has-text('Reply')")
    carl.fill("tr.line-comments textarea[name=body]", "To double the **logits** before softmax.")
    carl.click("tr.line-comments button:has-text('Reply')")
    carl.wait_for_selector("tr.line-comments >> text=double the")
    rita.goto(carl.url)
    assert "double the logits" in rita.inner_text("tr.line-comments")
    assert rita.console_errors == [] and carl.console_errors == []
