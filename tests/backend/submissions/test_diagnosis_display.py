"""A wrong answer explained by kind shows its sentence on the submission page, hidden cases
included, and reaches the API as the stable code."""

import pytest
from django.test import Client

from graders.coding.diagnosis import SENTENCES
from tests.backend.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def hidden_case(**fields):
    return {
        "name": "random_300_by_200",
        "sample": False,
        "verdict": "wrong_answer",
        "cpu_time": 0.01,
        "wall_time": 0.01,
        "memory_kb": 1024,
        "message": "wrong answer on a hidden case",
        "stdout": "",
        **fields,
    }


def test_submission_page_and_api_show_the_diagnosis_of_a_hidden_case():
    user = UserFactory()
    case = hidden_case(diagnosis="transposed", diagnosis_text=SENTENCES["transposed"])
    submission = SubmissionFactory(
        owner=user,
        status="done",
        verdict="wrong_answer",
        score=0.0,
        result={"verdict": "wrong_answer", "cases": [case, hidden_case(name="other")]},
    )
    client = Client()
    client.force_login(user)
    page = client.get(f"/submissions/{submission.id}/").content.decode()
    assert f"Diagnosis: {SENTENCES['transposed']}." in page
    assert page.count('class="diagnosis"') == 1
    data = client.get(f"/api/submissions/{submission.id}/").json()
    assert data["result"]["cases"][0]["diagnosis"] == "transposed"
