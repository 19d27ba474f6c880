"""A 404 in production (DEBUG off) is a page of the site, with its navigation, not Django's bare
"Not Found" text."""

import pytest
from django.test import Client

from tests.backend.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_unknown_url_gets_the_sites_not_found_page_with_its_navigation():
    response = Client().get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html and "/no-such-page/" in html
    assert 'href="/"' in html and "Sign up" in html  # the top bar, a way back


def test_someone_elses_submission_is_the_same_not_found_page():
    submission = SubmissionFactory()
    client = Client()
    client.force_login(UserFactory())
    response = client.get(f"/submissions/{submission.id}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and submission.code not in html
