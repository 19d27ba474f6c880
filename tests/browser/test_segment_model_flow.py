"""A segmentation model hand-in from end to end: a reviewer assigns the segmentation take-home
that asks for a model, the candidate hands in the model answer's tiny U-Net and sees mIoU with
per-class IoU (not accuracy), its card and its measured latency; a real worker runs it in the
sandbox. The reviewer's leaderboard names mIoU over its Pareto chart."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.backend.factories import UserFactory
from tests.backend.takehomes.conftest import REPO, code_zip, make_reviewer
from tests.browser.conftest import screenshot
from tests.browser.test_takehome_flow import PASSWORD, log_in, new_page
from tests.graders.conftest import require_sandbox
from tests.integration.conftest import Worker, use_broker, worker_environment

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "takehome_segment_model"
ANSWER = REPO / "problems" / SLUG / "solution" / "model.onnx"


def hand_in_model(page, assignment_url: str, model: Path, code: Path, writeup: str) -> dict:
    """This template has no budget: the report has no #budget line."""
    page.goto(assignment_url)
    page.set_input_files("#id_model", str(model))
    page.set_input_files("#id_code", str(code))
    page.fill("#id_writeup_text", writeup)
    page.click("#model-hand-in-form button[type=submit]")
    page.wait_for_selector("h1:has-text('Model hand-in')")
    page.wait_for_selector("#model-card", timeout=180_000)  # live.js reloads when it is done
    return {"metrics": page.inner_text("#metrics"), "card": page.inner_text("#model-card")}


@pytest.fixture
def segment_worker(redis_url: str, settings, tmp_path: Path):
    require_sandbox()
    root = tmp_path / "problems"
    shutil.copytree(REPO / "problems" / SLUG, root / SLUG)
    toml = (root / SLUG / "problem.toml").read_text()
    (root / SLUG / "problem.toml").write_text(re.sub(r"(?m)^loops = \d+$", "loops = 3", toml))
    settings.CVPREP_PROBLEMS_DIR = root
    settings.VAR_DIR = tmp_path / "var"
    use_broker(redis_url, settings)
    env = worker_environment(redis_url, root, tmp_path / "var")
    call_command("sync_takehomes", "--path", str(root), "--skip-zips", stdout=StringIO())
    worker = Worker(env, tmp_path, "models")
    yield root / SLUG
    worker.stop()


def test_hand_in_a_segmentation_model_and_see_miou_per_class(
    live_server, segment_worker, browser, tmp_path: Path
):
    base = live_server.url
    reviewer = make_reviewer("rita")
    reviewer.set_password(PASSWORD)
    reviewer.save()
    UserFactory(username="carl", password=PASSWORD)

    rita = new_page(browser)
    log_in(rita, base, "rita", "/takehomes/")
    rita.select_option("#id_takehome", SLUG)
    rita.fill("#id_candidate", "carl")
    rita.click("#assign-form button[type=submit]")
    rita.wait_for_selector("text=Brief")
    assignment_url = rita.url

    carl = new_page(browser)
    log_in(carl, base, "carl", assignment_url)
    brief = carl.inner_text(".statement")
    assert "(N, 4, 64, 64)" in brief and "background, circle, triangle, square" in brief
    screenshot(carl, "segment-model-assignment")
    (tmp_path / "code.zip").write_bytes(code_zip())
    (tmp_path / "model.onnx").write_bytes(ANSWER.read_bytes())
    report = hand_in_model(
        carl, assignment_url, tmp_path / "model.onnx", tmp_path / "code.zip", "# A tiny U-Net"
    )
    assert "mIoU" in report["metrics"] and "accuracy" not in report["metrics"]
    assert "logits float [N, 4, 64, 64]" in report["card"].replace("'", "")
    per_class = carl.inner_text("#per-class")
    assert "IoU" in per_class and "square" in per_class and "background" in per_class
    assert float(carl.inner_text("#scored-value")) > 0.65
    bars = "img[alt='Per-class scores']"  # the per-class IoU bars
    assert carl.locator(bars).count() == 1
    assert carl.evaluate(f'document.querySelector("{bars}").naturalWidth') > 0
    screenshot(carl, "segment-model-handin")

    rita.goto(f"{base}/takehomes/{SLUG}/leaderboard/")
    rita.wait_for_selector("#pareto")
    assert "mIoU" in rita.inner_text("#leaderboard")
    assert "mIoU against latency" in rita.inner_text("main")
    assert rita.evaluate("document.querySelector('#pareto').naturalWidth") > 0
    screenshot(rita, "segment-model-leaderboard")
    assert not carl.console_errors and not rita.console_errors
