"""A design prompt iterated on with Check: errors with their paths, then a simulation that
hands nothing in, then the hand-in, whose report states the simulated window."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_design_flow import design_problems, log_in  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def fill_design(page, inference_replicas: str) -> None:
    page.fill("#write_up", "## Budget\nDecode on NVDEC, **INT8** YOLOv8s on ten T4s.")
    page.select_option("select[name=stage-0-device]", "nvdec")
    page.fill("input[name=stage-0-replicas]", "8")
    page.fill("input[name=stage-1-replicas]", "12")
    page.select_option("select[name=stage-2-model]", "yolov8s-int8")
    page.fill("input[name=stage-2-replicas]", inference_replicas)
    page.fill("input[name=stage-2-batch_size]", "16")
    page.fill("input[name=stage-2-batch_timeout_ms]", "8")
    page.fill("input[name=stage-3-replicas]", "4")


def test_check_simulates_without_handing_in_then_hand_in(
    live_server, design_problems, start_worker, browser  # noqa: F811
):
    from backend.designs.models import DesignSubmission

    start_worker()
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    log_in(page, base, "ada", "/design/design_multicam_detection/")
    page.wait_for_selector("#check")
    fill_design(page, "2")
    page.click("#check")
    page.wait_for_selector("#check-result.errors")
    result = page.inner_text("#check-result")
    assert "nothing was handed in" in result and "stages[2]" in result, result

    page.fill("input[name=stage-2-replicas]", "10")
    page.click("#check")
    page.wait_for_selector("#check-table", timeout=30_000)
    assert "4 of 4 requirements met (not handed in)" in page.inner_text("#check-result h3")
    window = page.inner_text("#check-window")
    assert "of traffic measured after" in window and "p99 is read from the slowest" in window
    assert DesignSubmission.objects.count() == 0
    page.locator("#check-result").scroll_into_view_if_needed()
    screenshot(page, "design-check")

    page.click("text=Hand in and simulate")
    page.wait_for_url("**/design/submissions/*/")
    page.wait_for_selector("#checks", timeout=60_000)  # the page refreshes until graded
    assert page.inner_text("#score") == "4 / 4"
    stated = window.removeprefix("Simulated window: ").rstrip(".")
    assert page.inner_text("#simulated-window") == stated
    assert page.locator(".markdown strong", has_text="INT8").count() == 1
    screenshot(page, "design-report")
    assert errors == []
    page.close()
