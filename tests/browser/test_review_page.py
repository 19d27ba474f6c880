"""The review page in a real browser: a failed border case brings a related problem, the
navigation counts it, and the page fits a desktop and a phone."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from backend.learning import services
from tests.backend.factories import ProblemFactory
from tests.backend.learning.conftest import graded

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase-42"


@pytest.mark.parametrize(("width", "name"), [(1366, "review.png"), (390, "review-phone.png")])
def test_review_page_suggests_a_related_problem_after_a_border_failure(
    live_server, browser, width, name, tmp_path
):
    # CVPREP_SCREENSHOTS=docs/screenshots refreshes the README's pictures.
    shots = Path(os.environ.get("CVPREP_SCREENSHOTS", tmp_path))
    user = get_user_model().objects.create_user("ada", password=PASSWORD)
    blur = ProblemFactory(slug="blur", title="Gaussian blur", tags=["borders", "filtering"])
    ProblemFactory(slug="median", title="Median filter", tags=["borders", "filtering"])
    ProblemFactory(slug="sobel", title="Sobel", tags=["borders", "edges"], difficulty="medium")
    nms = ProblemFactory(slug="nms", title="NMS", tags=["boxes", "greedy"], difficulty="medium")
    now = timezone.now()
    services.record_submission(
        graded(owner=user, problem=nms, verdict="accepted", at=now - timedelta(days=12)).id
    )
    services.record_submission(
        graded(
            owner=user,
            problem=blur,
            verdict="wrong_answer",
            at=now - timedelta(hours=2),
            diagnosis="border_only",
        ).id
    )

    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{live_server.url}/accounts/login/?next=/review/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("ol.reviews")

    items = page.locator("ol.reviews li")
    failed = page.locator("li.review-item.failed")
    assert failed.count() == 1
    assert "differs only on the image border" in failed.inner_text()
    assert failed.locator("a.button").inner_text() in {"Practise Median filter", "Practise Sobel"}
    assert items.count() == 2  # borders + filtering on one related problem, boxes + greedy on NMS
    assert page.locator(".topbar .review-link .count").inner_text() == "4"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
    page.screenshot(path=str(shots / name), full_page=True)

    assert "about 87" in page.locator("li.review-item.keep").inner_text()  # FSRS recall, 12 days

    page.goto(f"{live_server.url}/progress/")
    strength = page.locator("table.strength tbody tr")
    # padding too: the border diagnosis lapses it, though no problem here is tagged so
    assert strength.count() == 5 and strength.first.inner_text().startswith("borders")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.locator("#strength").screenshot(path=str(shots / name.replace("review", "strength")))

    page.goto(f"{live_server.url}/review/")
    failed.locator("a.button").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").split("/")[-1] in {"median", "sobel"}
    assert errors == []
    page.close()
