"""A model hand-in from end to end (issue 14): a reviewer assigns the compression take-home,
the candidate hands in the starter model itself and sees its measured latency and accuracy
(outside the budget: it is no faster than itself), then an int8 version made with
onnxruntime.quantization as the brief suggests, scored faster in the same run; a real worker
runs both in the sandbox. The reviewer sees the Pareto chart on the leaderboard, then reviews
the model hand-in's code as any hand-in's: a comment on a line, which the candidate reads once
the feedback is released."""

from __future__ import annotations

import importlib.util
import re
import shutil
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command

from tests.backend.factories import UserFactory
from tests.backend.takehomes.conftest import REPO, code_zip, make_reviewer
from tests.browser.conftest import screenshot
from tests.browser.test_takehome_flow import PASSWORD, log_in, new_page
from tests.graders.conftest import require_sandbox
from tests.integration.conftest import Worker, use_broker, worker_environment

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "takehome_compress"
STARTER = REPO / "problems" / SLUG / "starter" / "model.onnx"


@pytest.fixture
def model_worker(redis_url: str, settings, tmp_path: Path):
    require_sandbox()
    root = tmp_path / "problems"
    folder = root / SLUG
    shutil.copytree(REPO / "problems" / SLUG, folder)
    # 128 hidden inputs and 3 timing loops: the same protocol, shorter.
    toml = (folder / "problem.toml").read_text()
    toml = re.sub(r"(?m)^test = \d+$", "test = 128", toml)
    toml = re.sub(r"(?m)^loops = \d+$", "loops = 3", toml)
    (folder / "problem.toml").write_text(toml)
    settings.CVPREP_PROBLEMS_DIR = root
    settings.VAR_DIR = tmp_path / "var"
    use_broker(redis_url, settings)
    env = worker_environment(redis_url, root, tmp_path / "var")
    call_command("sync_takehomes", "--path", str(root), "--skip-zips", stdout=StringIO())
    worker = Worker(env, tmp_path, "models")
    yield folder
    worker.stop()


def int8_model(package_dir: Path, out: Path) -> Path:
    from graders.takehome import load_takehome
    from graders.takehome.dataset import generate_split

    path = package_dir / "solution" / "quantize.py"
    spec = importlib.util.spec_from_file_location("quantize", path)
    assert spec is not None and spec.loader is not None
    quantize = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quantize)
    scenes = generate_split(load_takehome(package_dir).dataset, "train").scenes[:64]
    calibration = np.stack([s.image for s in scenes]).transpose(0, 3, 1, 2) / 255
    quantize.quantize(STARTER, calibration.astype(np.float32), out)
    return out


def hand_in_model(page, assignment_url: str, model: Path, code: Path, writeup: str) -> dict:
    page.goto(assignment_url)
    page.set_input_files("#id_model", str(model))
    page.set_input_files("#id_code", str(code))
    page.fill("#id_writeup_text", writeup)
    page.click("#model-hand-in-form button[type=submit]")
    page.wait_for_selector("h1:has-text('Model hand-in')")
    page.wait_for_selector("#model-card", timeout=180_000)  # live.js reloads when it is done
    return {
        "p90": float(page.inner_text("#p90")),
        "metrics": page.inner_text("#metrics"),
        "budget": page.inner_text("#budget"),
        "card": page.inner_text("#model-card"),
    }


def test_hand_in_the_starter_then_an_int8_model_and_see_both_measured(
    live_server, model_worker, browser, tmp_path: Path
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
    assert carl.locator("#id_predictions").count() == 0  # a model, not predictions
    (tmp_path / "code.zip").write_bytes(code_zip())
    (tmp_path / "starter.onnx").write_bytes(STARTER.read_bytes())
    starter = hand_in_model(
        carl, assignment_url, tmp_path / "starter.onnx", tmp_path / "code.zip", "# The starter"
    )
    assert "top-1 accuracy" in starter["metrics"] and "macro-F1" in starter["metrics"]
    assert "Outside the budget" in starter["budget"]
    assert "float32" in starter["card"] and "241,220" in starter["card"]
    screenshot(carl, "model-handin-starter")

    quantized = int8_model(model_worker, tmp_path / "int8.onnx")
    int8 = hand_in_model(
        carl, assignment_url, quantized, tmp_path / "code.zip", "# Static int8, QDQ"
    )
    assert "int8" in int8["card"]
    assert int8["p90"] < starter["p90"]
    assert "Inside the budget" in int8["budget"]
    assert float(carl.inner_text("#scored-value")) > 0.8
    screenshot(carl, "model-handin-int8")
    int8_url = carl.url

    rita.goto(f"{base}/takehomes/{SLUG}/leaderboard/")
    rita.wait_for_selector("#pareto")
    assert "carl" in rita.inner_text("#leaderboard")
    assert rita.evaluate("document.querySelector('#pareto').naturalWidth") > 0
    screenshot(rita, "model-handin-leaderboard")

    # The model hand-in's code, reviewed as a predictions hand-in's is.
    rita.goto(int8_url)
    rita.click("#files >> text=train.py")
    rita.click(".line-button[data-line='5']")
    assert rita.input_value("#id_line") == "5"
    rita.fill("#id_body", "Why **times two** before the export?")
    rita.click("#line-comment-form button[type=submit]")
    rita.wait_for_selector("tr.line-comments >> text=times two")
    code_url = rita.url.split("#")[0]
    screenshot(rita, "model-handin-code-review")
    rita.set_viewport_size({"width": 390, "height": 844})
    assert fits_the_width(rita), "the code page scrolls sideways at 390 px"
    screenshot(rita, "model-handin-code-review-phone")
    rita.set_viewport_size({"width": 1366, "height": 900})
    carl.goto(code_url)
    assert carl.locator("tr.line-comments").count() == 0  # nothing before release
    rita.goto(assignment_url)
    rita.click("#release-form button")
    rita.wait_for_selector("text=Released")

    carl.goto(assignment_url)
    carl.click("#your-code-comments")
    carl.wait_for_selector("h1:has-text('Model hand-in')")
    assert carl.url.split("#")[0] == int8_url  # the hand-in that counts: the latest
    assert "1 comment" in carl.inner_text("#files")
    carl.locator("#files").scroll_into_view_if_needed()
    screenshot(carl, "model-handin-code-files")
    carl.set_viewport_size({"width": 390, "height": 844})
    carl.locator("#files").scroll_into_view_if_needed()
    screenshot(carl, "model-handin-code-files-phone")
    phone_overflow = carl.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    carl.set_viewport_size({"width": 1366, "height": 900})
    carl.click("#files >> text=train.py")
    assert "times two" in carl.inner_text("tr.line-comments")
    carl.set_viewport_size({"width": 390, "height": 844})
    assert fits_the_width(carl), "the code page scrolls sideways at 390 px"
    carl.locator("tr.line-comments").scroll_into_view_if_needed()
    screenshot(carl, "model-handin-comment-phone")
    carl.set_viewport_size({"width": 1366, "height": 900})
    assert not carl.console_errors and not rita.console_errors
    assert phone_overflow <= 0, f"the model hand-in page scrolls {phone_overflow}px sideways"


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
