"""API tokens work on every JSON endpoint a client follows, the plain Django ones too (a job's
status and events, its PNGs), and a bad token is a 401 with ``WWW-Authenticate``, not a 403."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from backend.grading.models import Artifact
from tests.backend.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


@pytest.fixture
def job():
    submission = SubmissionFactory(status="done")
    Artifact.objects.create(job=submission, name="case_0/expected", png=b"\x89PNG")
    return submission


def test_a_bad_token_is_a_401_with_a_challenge_on_the_api():
    response = Client().get("/api/submissions/", **bearer("not-a-key"))
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("path", ["/api/jobs/coding/{id}/", "/api/jobs/coding/{id}/events/",
                                  "/api/submissions/{id}/events/",
                                  "/api/submissions/{id}/images/case_0/expected.png"])
def test_a_token_opens_the_plain_views_and_a_bad_one_is_a_401(job, path):
    url = path.format(id=job.pk)
    owner = Token.objects.create(user=job.owner).key
    other = Token.objects.create(user=UserFactory()).key
    assert Client().get(url, **bearer(owner)).status_code == 200
    assert Client().get(url, **bearer(other)).status_code == 404  # another's work: not there
    bad = Client().get(url, **bearer("not-a-key"))
    assert bad.status_code == 401 and bad["WWW-Authenticate"] == "Token"
    assert Client().get(url).status_code == 403  # signed out, no token: sign in
