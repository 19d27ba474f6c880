"""The take-home pages: assign, hand in through the form, read metrics, review a code line,
score, release; errors come back as messages, never a 500."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.takehomes import tasks
from backend.takehomes.models import Assignment, HandIn
from tests.backend.takehomes.conftest import client_for, code_zip, predictions_csv

pytestmark = pytest.mark.django_db


def test_reviewer_assigns_from_the_page(takehome, reviewer, candidate):
    page = client_for(reviewer)
    home = page.get("/takehomes/")
    assert home.status_code == 200 and b"Assign a take-home" in home.content
    response = page.post(
        "/takehomes/assign/", {"takehome": takehome.slug, "candidate": "carl", "deadline": ""}
    )
    assignment = Assignment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{assignment.pk}/")
    assert assignment.owner == reviewer and assignment.candidate == candidate
    bad = page.post("/takehomes/assign/", {"takehome": takehome.slug, "candidate": "nobody"})
    assert "error=" in bad["Location"]


def test_a_deadline_typed_without_a_zone_is_read_as_utc(takehome, reviewer, candidate):
    # The form's datetime-local field sends no zone; this was a 500 (timezone.UTC is no name).
    response = client_for(reviewer).post(
        "/takehomes/assign/",
        {"takehome": takehome.slug, "candidate": "carl", "deadline": "2099-01-02T03:04"},
    )
    assert response.status_code == 302
    deadline = Assignment.objects.get().deadline
    assert (deadline.year, deadline.hour, deadline.minute, deadline.utcoffset()) == (
        2099, 3, 4, timedelta(0)
    )


def test_a_candidate_cannot_assign_or_see_the_form(takehome, candidate):
    page = client_for(candidate)
    assert b"Assign a take-home" not in page.get("/takehomes/").content
    assert page.post("/takehomes/assign/", {"takehome": takehome.slug}).status_code == 403


def hand_in_form(package, **overrides):
    form = {
        "predictions": SimpleUploadedFile("predictions.csv", predictions_csv(package, right=True)),
        "code": SimpleUploadedFile("code.zip", code_zip()),
        "writeup": SimpleUploadedFile("WRITEUP.md", b"# Approach\n\nA *small* CNN."),
        "reported_latency_ms": "2.5",
    }
    form.update(overrides)
    return form


def test_the_full_cycle_through_the_pages(assignment, candidate, reviewer, package, sent):
    me = client_for(candidate)
    detail = me.get(f"/takehomes/assignments/{assignment.pk}/")
    assert b"Download the dataset" in detail.content and b"Hand in" in detail.content
    response = me.post(f"/takehomes/assignments/{assignment.pk}/hand-in/", hand_in_form(package))
    assert response.status_code == 302
    hand_in = HandIn.objects.get()
    tasks.grade_hand_in(hand_in.pk)
    page = me.get(response["Location"]).content.decode()
    assert "macro-F1" in page and "<em>small</em>" in page and "train.py" in page

    they = client_for(reviewer)
    code_url = f"/takehomes/assignments/{assignment.pk}/hand-ins/{hand_in.pk}/code/?path=train.py"
    code = they.get(code_url).content.decode()
    assert 'id="L5"' in code and "&lt;b&gt;not bold&lt;/b&gt;" in code
    comment = they.post(
        f"/takehomes/assignments/{assignment.pk}/hand-ins/{hand_in.pk}/comment/",
        {"file_path": "train.py", "line": "5", "body": "Why times **two**?"},
    )
    assert comment.status_code == 302 and "#comment-" in comment["Location"]
    assert "<strong>two</strong>" in they.get(code_url).content.decode()
    review = they.post(
        f"/takehomes/assignments/{assignment.pk}/review/",
        {"score_metric": "30", "score_code": "15", "summary": "Clear write-up.", "decision": "yes"},
    )
    assert review.status_code == 302
    assert b"Why times" not in me.get(code_url).content  # not released yet
    assert they.post(f"/takehomes/assignments/{assignment.pk}/release/").status_code == 302

    released = me.get(f"/takehomes/assignments/{assignment.pk}/").content.decode()
    assert "Clear write-up." in released and "45 / 100" in released
    assert "strong yes" not in released and "Decision" not in released
    assert "<strong>two</strong>" in me.get(code_url).content.decode()


def test_a_bad_hand_in_shows_the_errors_on_the_page(assignment, candidate, package, sent):
    bad = SimpleUploadedFile("predictions.csv", b"image_id,label\n999999,circle\n")
    response = client_for(candidate).post(
        f"/takehomes/assignments/{assignment.pk}/hand-in/",
        hand_in_form(package, predictions=bad),
    )
    assert response.status_code == 400
    assert b"line 2" in response.content and b"999999" in response.content
    assert not HandIn.objects.exists()


def test_leaderboard_page(assignment, candidate, reviewer, package, sent):
    client_for(candidate).post(
        f"/takehomes/assignments/{assignment.pk}/hand-in/", hand_in_form(package)
    )
    tasks.grade_hand_in(HandIn.objects.get().pk)
    page = client_for(reviewer).get(f"/takehomes/{assignment.takehome.slug}/leaderboard/")
    assert page.status_code == 200 and b"carl" in page.content and b"1.0000" in page.content


def test_the_page_and_the_api_refuse_an_assignment_for_the_same_reason(takehome, reviewer):
    # One assign service behind both: the same checks, the same message.
    client = client_for(reviewer)
    page = client.post("/takehomes/assign/", {"takehome": takehome.slug, "candidate": "nobody"})
    api = client.post(
        "/api/assignments/", {"takehome": takehome.slug, "candidate": "nobody"}, format="json"
    )
    assert api.status_code == 400 and api.json()["errors"] == {"candidate": ["no such user"]}
    assert "error=no+such+user" in page["Location"]
    assert not Assignment.objects.exists()


def test_a_refused_review_from_the_page_saves_none_of_it(assignment, reviewer):
    # Scores, summary and decision are saved together: a bad decision keeps the scores out.
    client = client_for(reviewer)
    response = client.post(
        f"/takehomes/assignments/{assignment.pk}/review/",
        {"score_metric": "30", "summary": "kept?", "decision": "maybe"},
    )
    assert response.status_code == 302 and "error=" in response["Location"]
    review = client.get(f"/api/assignments/{assignment.pk}/review/").json()
    assert {item["id"]: item["score"] for item in review["rubric"]}["metric"] is None
    assert review["summary"] == ""
