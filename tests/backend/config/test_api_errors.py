"""Every API error is JSON with a reason: bodies over the upload limit, unknown URLs, 404s
and 403s of plain Django views as well as DRF's."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from tests.backend.factories import ProblemFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

BIG_CODE = "x = 1\n" * 200_000  # about 1.2 MB, over DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.fixture
def api() -> APIClient:
    client = APIClient()
    client.force_login(UserFactory())
    return client


def reason(response) -> str:
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    return response.json()["detail"]


def test_a_json_body_over_the_upload_limit_is_a_413_with_the_limit(api):
    ProblemFactory(slug="p1")
    body = json.dumps({"problem": "p1", "code": BIG_CODE, "mode": "run"})
    response = api.post("/api/submissions/", body, content_type="application/json")
    assert response.status_code == 413
    assert "limit is 512 KiB" in reason(response)


def test_a_multipart_field_over_the_upload_limit_is_a_413_too(api):
    ProblemFactory(slug="p1")
    response = api.post(
        "/api/submissions/", {"problem": "p1", "code": BIG_CODE, "mode": "run"}, format="multipart"
    )
    assert response.status_code == 413
    assert "limit" in reason(response)


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_an_unknown_api_url_is_a_json_404(api, settings, debug):
    settings.DEBUG = debug
    response = api.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert "/api/no-such-thing/" in reason(response)


def test_a_plain_views_404_under_the_api_is_json(api, settings):
    settings.DEBUG = True
    other = SubmissionFactory()  # someone else's submission: its pictures are not mine
    response = api.get(f"/api/submissions/{other.id}/images/example/expected.png")
    assert response.status_code == 404
    assert reason(response).startswith("not found")


def test_a_candidates_leaderboard_404_is_json(api, settings):
    settings.DEBUG = True
    response = api.get("/api/takehomes/takehome_detection/leaderboard/")
    assert response.status_code == 404
    assert reason(response)


def test_a_403_is_json_with_the_reason(settings):
    settings.DEBUG = True
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post("/api/submissions/", {"problem": "p1", "code": "", "mode": "run"})
    assert response.status_code == 403
    assert "CSRF" in reason(response)


def test_pages_keep_their_html_errors(settings):
    settings.DEBUG = False
    response = APIClient().get("/no-such-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("query", ["problem=%00", "search=a%00b", "%00=1"])
def test_a_nul_in_the_query_is_a_400_on_every_database(api, query):
    # PostgreSQL cannot look a NUL up and SQLite can: the answer must not depend on which.
    response = api.get(f"/api/submissions/?{query}")
    assert response.status_code == 400 and "NUL" in reason(response)
