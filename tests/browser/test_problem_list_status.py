"""The problem list's Status column keeps its mark and word on one line ("◐ attempted"), beside
problems whose tag chips fill the row."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.backend.factories import ProblemFactory, SubmissionFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase-42"
TAGS = ["boxes", "iou", "greedy", "multi-class", "post-processing", "numerical-stability"]


def test_attempted_status_stays_on_one_line_at_desktop_width(live_server, browser):
    user = get_user_model().objects.create_user("ada", password=PASSWORD)
    problem = ProblemFactory(slug="batched_nms", title="Batched (per-class) NMS", tags=TAGS)
    SubmissionFactory(owner=user, problem=problem, status="done", verdict="wrong_answer")
    ProblemFactory(  # a long title and many chips, as in the catalog, squeeze the last column
        slug="fake_quant",
        title="Fake quantisation with a straight-through gradient and per-channel scales",
        category="model-optimization",
        tags=[*TAGS, "autograd", "quantization", "rounding"],
    )
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/")
    mark = page.locator("td.status .warn")
    assert mark.inner_text() == "◐ attempted"
    lines = mark.evaluate("e => e.getClientRects().length")
    assert lines == 1
    page.close()
