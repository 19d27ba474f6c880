"""The problem list's status, sort and random pick, and the study path page."""

import pytest
from django.test import Client

from backend.catalog.models import Problem
from backend.catalog.selectors import listing, problem_status_for
from tests.backend.factories import ProblemFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_sample_run_is_an_attempt_and_a_custom_run_is_not(user):
    tried = ProblemFactory(slug="tried")
    custom = ProblemFactory(slug="custom")
    SubmissionFactory(owner=user, problem=tried, mode="run", verdict="wrong_answer")
    SubmissionFactory(owner=user, problem=custom, mode="run", custom_input='{"x": 1}')
    assert problem_status_for(user) == {tried.id: "attempted"}


def test_listing_filters_by_status_and_sorts(user):
    easy = ProblemFactory(slug="e", difficulty="easy")
    hard = ProblemFactory(slug="h", difficulty="hard")
    medium = ProblemFactory(slug="m", difficulty="medium")
    SubmissionFactory(owner=user, problem=easy, verdict="accepted", status="done")
    SubmissionFactory(owner=user, problem=hard, verdict="wrong_answer", status="done")
    status = problem_status_for(user)
    everything = Problem.objects.all()
    slugs = lambda rows: [p.slug for p in rows]  # noqa: E731
    assert slugs(listing(everything, {"sort": "difficulty"}, status)) == ["e", "m", "h"]
    assert slugs(listing(everything, {"sort": "-difficulty"}, status)) == ["h", "m", "e"]
    assert slugs(listing(everything, {"sort": "status"}, status)) == ["h", "m", "e"]
    assert slugs(listing(everything, {"status": "unsolved"}, status)) == [medium.slug]
    assert slugs(listing(everything, {"status": "attempted"}, status)) == ["h"]


def test_random_unsolved_never_picks_a_solved_problem(user, client):
    solved = ProblemFactory(slug="solved")
    ProblemFactory(slug="open")
    SubmissionFactory(owner=user, problem=solved, verdict="accepted", status="done")
    for _ in range(10):
        assert client.get("/problems/random/")["Location"] == "/problems/open/"
    nothing = client.get("/problems/random/?q=solved")
    assert nothing.status_code == 302 and "random=none" in nothing["Location"]
    assert "nothing left to pick" in client.get(nothing["Location"]).content.decode()


def test_tags_are_links_and_the_list_counts_attempts(user, client):
    problem = ProblemFactory(slug="nms", tags=["iou", "boxes"])
    SubmissionFactory(owner=user, problem=problem, mode="run", verdict="wrong_answer")
    page = client.get("/").content.decode()
    assert 'href="?tag=iou"' in page and "attempted 1 more" in page


def test_study_path_lists_only_problems_in_the_catalog(user, client):
    ProblemFactory(slug="nms", title="Non-maximum suppression")
    page = client.get("/study/senior-cv-loop/").content.decode()
    assert "Non-maximum suppression" in page and "Continue: Non-maximum suppression" in page
    assert "Geometry" not in page  # a stage with none of its problems synced is left out
    assert client.get("/study/nope/").status_code == 404
