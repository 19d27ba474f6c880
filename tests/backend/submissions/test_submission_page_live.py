"""A submission's own page follows its grading as every page does (live.js on the one status
endpoint), and stops once it is done."""

import pytest
from django.test import Client

from backend.grading.models import JobStatus
from tests.backend.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def page_of(submission) -> str:
    client = Client()
    client.force_login(submission.owner)
    response = client.get(f"/submissions/{submission.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_pending_submission_page_follows_the_status_endpoint():
    submission = SubmissionFactory(status=JobStatus.QUEUED)
    html = page_of(submission)
    assert f'data-live="/api/jobs/coding/{submission.pk}/"' in html
    assert "cvprep/live" in html


def test_a_graded_submission_page_follows_nothing():
    html = page_of(SubmissionFactory(status=JobStatus.DONE, verdict="accepted"))
    assert "data-live" not in html and "cvprep/live" not in html
