"""A PyTorch problem in a real browser: the list says it is one, the editor starts from the torch
starter, and an accepted solution typed in is graded through the torch zygote to Accepted."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
RIGHT = (PROBLEMS / "kd_loss/solutions/accepted/logsumexp_by_hand.py").read_text()


def test_open_a_torch_problem_type_a_solution_and_get_accepted(
    live_server, problems_root, start_worker, page
):
    shutil.copytree(PROBLEMS / "kd_loss", problems_root / "kd_loss")
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    start_worker()
    base = live_server.url

    page.goto(f"{base}/accounts/signup/")
    page.fill("#id_username", "grace")
    page.fill("#id_password1", "a-long-pass-phrase-42")
    page.fill("#id_password2", "a-long-pass-phrase-42")
    page.click("button[type=submit]")
    page.wait_for_load_state()

    row = page.locator("table.problems tr", has=page.locator("text=Knowledge-distillation"))
    assert row.locator(".runtime.torch").inner_text() == "PyTorch"
    nms_row = page.locator("table.problems tr", has=page.locator("text=Non-maximum"))
    assert nms_row.locator(".runtime.numpy").inner_text() == "numpy"
    screenshot(page, "torch-problem-list")

    row.locator("a").first.click()
    page.wait_for_selector(".cm-editor")
    starter = page.evaluate("() => window.cvprepEditor.getValue()")
    assert starter == (PROBLEMS / "kd_loss/starter.py").read_text()
    assert "import torch" in starter

    page.evaluate("() => window.cvprepEditor.setValue('')")
    page.click(".cm-content")
    # typed, as a candidate would; auto-indent is undone by typing each line from its start
    for line in RIGHT.splitlines():
        page.keyboard.press("Home")
        page.keyboard.press("Shift+Home")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(line)
        page.keyboard.press("Enter")
    typed = page.evaluate("() => window.cvprepEditor.getValue()")
    assert typed.split() == RIGHT.split(), typed
    page.click("#submit")
    page.wait_for_selector("#status .v-accepted", timeout=240_000)  # the first torch start
    screenshot(page, "torch-problem-accepted")
    assert page.console_errors == []
