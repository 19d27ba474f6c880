"""The "Review today" page, the count in the navigation and strength on the progress page."""


import pytest
from django.urls import reverse

from backend.learning import services
from tests.backend.factories import UserFactory
from tests.backend.learning.conftest import START, graded

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_review_page_needs_a_login(client):
    response = client.get(reverse("review-today"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_review_page_explains_a_new_user_what_fills_it(client, user, clock):
    page = client.get(reverse("review-today")).content.decode()
    assert "Nothing to review yet" in page and reverse("problem-list") in page


def test_a_border_failure_shows_a_related_problem_and_a_count(client, user, clock, catalog):
    services.record_submission(
        graded(
            owner=user,
            problem=catalog["blur"],
            verdict="wrong_answer",
            at=START,
            diagnosis="border_only",
        ).id
    )
    clock.advance(hours=2)
    page = client.get(reverse("review-today")).content.decode()
    assert "A submit of" in page and "Gaussian blur" in page
    assert "differs only on the image border" in page
    assert "Practise Median filter" in page or "Practise Sobel" in page
    # The navigation counts due concepts, on every page.
    listing = client.get(reverse("problem-list")).content.decode()
    assert 'aria-label="Review, 2 due today"' in listing  # borders and filtering


def test_an_easy_solve_leaves_nothing_due_until_its_day(client, user, clock, catalog):
    services.record_submission(
        graded(owner=user, problem=catalog["nms"], verdict="accepted", at=START).id
    )
    clock.advance(days=1)
    page = client.get(reverse("review-today")).content.decode()
    assert "Nothing is due today" in page and "Coming up" in page
    assert 'class="count"' not in page
    clock.advance(days=9)
    page = client.get(reverse("review-today")).content.decode()
    assert "Practise NMS" in page and "recall is now" in page


def test_progress_page_shows_strength_per_concept(client, user, clock, catalog):
    services.record_submission(
        graded(owner=user, problem=catalog["nms"], verdict="accepted", at=START).id
    )
    services.record_submission(
        graded(owner=user, problem=catalog["sobel"], verdict="wrong_answer", at=START).id
    )
    page = client.get(reverse("progress")).content.decode()
    assert "Strength per concept" in page
    weakest, strongest = page.index(">borders<"), page.index(">boxes<")
    assert weakest < strongest  # weakest first
    assert "under a day" in page and "8 days" in page
