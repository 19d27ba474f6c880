"""The take-home pages both sides use: a write-up typed in the form, the reviewer's saved
confirmation with the rubric total, and the candidate's notice that feedback has arrived."""

import pytest

from backend.takehomes.models import HandIn
from tests.backend.takehomes.conftest import client_for
from tests.backend.takehomes.test_pages import hand_in_form

pytestmark = pytest.mark.django_db


def test_a_write_up_typed_in_the_form_is_handed_in(assignment, candidate, package, sent):
    form = hand_in_form(package)
    del form["writeup"]
    form["writeup"] = "# Typed\n\nNo file needed."
    response = client_for(candidate).post(
        f"/takehomes/assignments/{assignment.pk}/hand-in/", form
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert HandIn.objects.get().writeup.startswith("# Typed")


def test_neither_text_nor_file_is_refused_with_a_reason(assignment, candidate, package, sent):
    form = hand_in_form(package)
    del form["writeup"]
    response = client_for(candidate).post(
        f"/takehomes/assignments/{assignment.pk}/hand-in/", form
    )
    assert response.status_code == 400 and b"a write-up (Markdown) is required" in response.content


def test_reviewer_sees_saved_with_the_total_and_candidate_sees_feedback_arrived(
    assignment, candidate, reviewer, package, sent
):
    me = client_for(candidate)
    url = f"/takehomes/assignments/{assignment.pk}/"
    me.post(f"{url}hand-in/", hand_in_form(package))
    they = client_for(reviewer)
    review = they.post(
        f"/takehomes/assignments/{assignment.pk}/review/",
        {"score_metric": "30", "score_code": "15", "summary": "Clear.", "decision": "yes"},
    )
    page = they.get(review["Location"].split("#")[0]).content.decode()
    assert "✓ Review saved: 45 / 100 points (not yet released" in page
    assert 'id="rubric-total"' in page
    assert 'id="feedback-arrived"' not in me.get(url).content.decode()
    they.post(f"{url}release/")
    page = me.get(url).content.decode()
    assert 'id="feedback-arrived"' in page and "Feedback has arrived" in page
    start = page.index('id="feedback-arrived"')
    banner = page[start:page.index("</div>", start)]
    assert "45 / 100" in banner and "decision" not in banner.lower()  # the decision stays theirs
    assert page.index('id="feedback-arrived"') < page.index("<h1>")
