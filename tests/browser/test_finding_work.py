"""Finding work on the problem list: solved and attempted marks, tag chips, sorting, a random
unsolved problem and the senior CV loop study path."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from backend.catalog.models import Problem
from tests.backend.factories import SubmissionFactory
from tests.browser.conftest import REPO, screenshot
from tests.browser.test_practice_page import log_in

pytestmark = pytest.mark.django_db(transaction=True)

# Enough of the catalog for every stage of the path and all three difficulties.
SLUGS = ("box_iou", "project_points", "kabsch", "gaussian_blur", "quantize_per_channel", "sobel")


@pytest.fixture
def catalog(problems_root: Path) -> Path:
    for slug in SLUGS:
        shutil.copytree(REPO / "problems" / slug, problems_root / slug)
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    return problems_root


def test_find_work_by_status_tag_sort_random_and_study_path(live_server, catalog, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = live_server.url
    log_in(page, base, "ada", "/")
    from django.contrib.auth import get_user_model

    ada = get_user_model().objects.get(username="ada")
    for slug in ("equalize_hist", "box_iou", "project_points", "kabsch", "gaussian_blur", "sobel"):
        SubmissionFactory(owner=ada, problem=Problem.objects.get(slug=slug), status="done",
                          verdict="accepted")
    SubmissionFactory(owner=ada, problem=Problem.objects.get(slug="nms"), mode="run",
                      status="done", verdict="wrong_answer")
    page.goto(f"{base}/")
    assert "solved 6 and attempted 1 more of 8" in page.inner_text("#tally")
    nms_row = page.locator("tr", has=page.locator("a", has_text="Non-maximum suppression"))
    assert "attempted" in nms_row.locator("td.status").inner_text()
    screenshot(page, "problems")

    # A tag is a link that filters the list.
    nms_row.locator("a.chip", has_text="iou").click()
    page.wait_for_load_state()
    titles = page.locator("table.problems tbody td:first-child > a").all_inner_texts()
    assert sorted(titles) == ["Non-maximum suppression", "Pairwise box IoU"], titles
    assert page.locator(".chip.selected", has_text="iou").count() >= 1

    page.goto(f"{base}/?sort=-difficulty")
    difficulties = page.locator("table.problems tbody .difficulty").all_inner_texts()
    assert difficulties == sorted(difficulties, key=["hard", "medium", "easy"].index)
    page.goto(f"{base}/?sort=status")
    statuses = page.locator("table.problems tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.status)")
    assert statuses[0] == "attempted" and statuses[-1] == "solved"
    page.select_option("select[name=status]", "unsolved")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("table.problems tbody tr").count() == 1  # quantize_per_channel

    # Random unsolved: only nms and quantize_per_channel are left.
    for _ in range(3):
        page.goto(f"{base}/")
        page.click("#random-unsolved")
        page.wait_for_load_state()
        assert page.url.rstrip("/").split("/")[-1] in ("nms", "quantize_per_channel")
    page.goto(f"{base}/?difficulty=easy&status=unsolved&tag=filtering")
    page.click("#random-unsolved")
    page.wait_for_load_state()
    assert "nothing left to pick" in page.inner_text("main")

    page.goto(f"{base}/")
    page.click(".study-path-card a")
    page.wait_for_load_state()
    stages = page.locator(".stage h2").all_inner_texts()
    assert stages == ["Detection post-processing", "Geometry", "Image operations",
                      "Deployment numerics"]
    assert page.inner_text("#path-solved") == "5/7"
    assert "Non-maximum suppression" in page.inner_text("#path-next")
    screenshot(page, "study-path")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/")
    screenshot(page, "problems-phone")
    assert errors == []
    page.close()
