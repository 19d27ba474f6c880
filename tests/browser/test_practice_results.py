"""Practice results lead with the failure: one summary line naming the failed cases, the first
failing case with expected / yours / difference side by side, the table failures first; custom
runs listed apart from the attempts and left out of the progress page."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot
from tests.browser.test_practice_page import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
WRONG = (PROBLEMS / "equalize_hist/solutions/wrong_answer/textbook_without_cdf_min.py").read_text()
NMS_WRONG = (PROBLEMS / "nms/solutions/wrong_answer/suppress_on_equal.py").read_text()


def set_code(page, code: str) -> None:
    page.evaluate("code => window.cvprepEditor.setValue(code)", code)


def test_a_failed_run_leads_with_the_first_failure_side_by_side(
    live_server, problems_root, start_worker, browser
):
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    start_worker()
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, live_server.url, "ada", "/problems/equalize_hist/")
    page.wait_for_selector(".cm-editor")
    set_code(page, WRONG)
    page.click("#run")
    page.wait_for_selector("#status .v-wrong_answer", timeout=60_000)
    assert page.inner_text("#status .summary").startswith("failed 2/2: example, low_contrast_8x8")

    failure = page.locator(".first-failure")
    assert "sample example" in failure.locator("h3").inner_text()
    columns = failure.locator(".compare h4").all_inner_texts()
    assert [c.lower() for c in columns] == ["expected", "yours", "difference"]
    assert "elements differ" in failure.locator(".difference pre").inner_text()
    text = page.inner_text(".results-panel")
    assert "np.uint8" not in text and "is 57 for grey level 52" in text
    # The panel spans the page, not the editor's column.
    width = page.evaluate("document.querySelector('.first-failure').getBoundingClientRect().width")
    assert width > 1000, width
    screenshot(page, "problem-wrong-answer")
    page.wait_for_selector(".results-panel .pictures img[alt^='difference']", timeout=10_000)

    # A submit: hidden case names in the summary, failures head the table.
    page.goto(f"{live_server.url}/problems/nms/")
    page.wait_for_selector(".cm-editor")
    set_code(page, NMS_WRONG)
    page.click("#submit")
    page.wait_for_selector("#status .v-wrong_answer", timeout=90_000)
    summary = page.inner_text("#status .summary")
    assert summary.startswith("failed 5/14: iou_equal_to_threshold_is_kept,"), summary
    assert "hidden iou_equal_to_threshold_is_kept" in page.inner_text(".first-failure h3")
    verdicts = page.locator("table.results tbody tr td:nth-child(2)").all_inner_texts()
    assert verdicts[:5] == ["wrong answer"] * 5 and set(verdicts[5:]) == {"accepted"}
    screenshot(page, "problem-hidden-failures")

    # A custom-input run is listed apart and the progress page does not count it.
    page.click("#custom summary")
    page.click("#run")
    page.wait_for_selector("#custom-runs li", timeout=60_000)
    assert page.locator("#history li").count() == 1
    page.reload()
    page.wait_for_selector(".cm-editor")
    assert page.locator("#history li").count() == 1
    assert page.locator("#custom-runs li").count() == 1
    page.goto(f"{live_server.url}/progress/")
    # the sample run of equalize_hist and the submit of nms; not the custom run
    assert page.inner_text(".stat >> nth=3").startswith("2")
    assert page.locator("table.list").last.locator("tr").count() == 2
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/problems/equalize_hist/")
    page.wait_for_selector(".cm-editor")
    set_code(page, WRONG)
    page.click("#run")
    page.wait_for_selector(".first-failure", timeout=60_000)
    page.locator("#status").scroll_into_view_if_needed()
    screenshot(page, "phone")
    assert errors == []
    page.close()


NMS_ORDER = (PROBLEMS / "nms/solutions/wrong_answer/indices_sorted_by_position.py").read_text()


def test_a_hidden_failure_is_explained_by_kind_without_its_data(
    live_server, problems_root, start_worker, browser
):
    """The samples pass, hidden cases fail: each failing hidden case says what kind of mistake
    reproduces the expected output exactly, and nothing of the hidden data is shown."""
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    start_worker()
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    log_in(page, live_server.url, "ada", "/problems/nms/")
    page.wait_for_selector(".cm-editor")
    set_code(page, NMS_ORDER)
    page.click("#submit")
    page.wait_for_selector("#status .v-wrong_answer", timeout=90_000)

    failure = page.locator(".first-failure")
    assert "hidden threshold_one_keeps_everything" in failure.locator("h3").inner_text()
    diagnosis = failure.locator("p.diagnosis")
    assert diagnosis.get_attribute("data-code") == "order_differs"
    assert "right elements in another order" in diagnosis.inner_text()
    assert failure.locator(".compare").count() == 0  # no expected / yours of a hidden case
    assert "its data stays hidden" in failure.inner_text()

    rows = page.locator("table.results tbody tr")
    diagnosed = rows.filter(has=page.locator("p.diagnosis[data-code='order_differs']"))
    assert diagnosed.count() == 5
    assert diagnosed.locator("details").count() == 0  # hidden rows: no input / expected
    screenshot(page, "problem-hidden-diagnosis")
    page.close()
