"""Without server-sent events the coding page still follows its submission to the verdict,
by polling, the way live.js follows every kind of graded work."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
RIGHT = (PROBLEMS / "equalize_hist/solutions/accepted/float64_cdf.py").read_text()


def test_the_coding_page_polls_to_the_verdict_without_event_streams(
    live_server, problems_root, start_worker, page
):
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    start_worker()
    get_user_model().objects.create_user("ada", password="a-long-pass-phrase-42")
    page.add_init_script("delete window.EventSource")
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", "a-long-pass-phrase-42")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{base}/problems/equalize_hist/")
    page.wait_for_selector(".cm-editor")
    assert page.evaluate("() => typeof window.EventSource") == "undefined"
    page.evaluate("code => window.cvprepEditor.setValue(code)", RIGHT)
    page.click("#submit")
    page.wait_for_selector("#status .v-accepted", timeout=90_000)
