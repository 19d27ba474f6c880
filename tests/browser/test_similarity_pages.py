"""A reviewer's similarity pages in a real browser: the copied pair first, its fragments
marked side by side, readable on a desktop and a phone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.backend.similarity.conftest import hand_in, make_reviewer, make_takehome
from tests.backend.similarity.samples import DISGUISED_COPY, INDEPENDENT, ORIGINAL

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase-42"


@pytest.mark.parametrize("width", [1366, 390])
def test_reviewer_opens_the_copied_pair_with_fragments_marked(
    live_server, browser, width, tmp_path
):
    takehome, reviewer = make_takehome(), make_reviewer()
    shots = Path(os.environ.get("CVPREP_SCREENSHOTS", tmp_path))
    reviewer.set_password(PASSWORD)
    reviewer.save()
    hand_in(takehome, reviewer, "ann", {"src/nms.py": ORIGINAL}, b"[1, 2]")
    hand_in(takehome, reviewer, "bob", {"detector/suppress.py": DISGUISED_COPY}, b"[3]")
    hand_in(takehome, reviewer, "cyd", {"nms.py": INDEPENDENT}, b"[1, 2]")

    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{live_server.url}/accounts/login/?next=/takehomes/")
    page.fill("#id_username", reviewer.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.click("text=Similar hand-ins: >> a")
    page.wait_for_selector("table.pairs")
    rows = page.locator("table.pairs tbody tr")
    assert "100" in rows.first.inner_text() and "bob" in rows.first.inner_text()
    assert page.locator(".chip.flag").count() == 1  # ann and cyd handed in the same file
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.screenshot(path=str(shots / f"similarity-{width}.png"), full_page=True)

    rows.first.locator("a.compare").click()
    page.wait_for_selector("pre.shared mark")
    assert page.locator("pre.shared").count() == 2
    assert page.locator("pre.shared mark").count() >= 2
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.screenshot(path=str(shots / f"similarity-pair-{width}.png"))
    assert errors == []
    page.close()
