"""The practice pages keep custom-input runs apart and show checkers' numbers plainly."""

import pytest
from django.test import Client

from backend.submissions.pages import plain_numbers
from backend.submissions.selectors import custom_runs, history, progress
from tests.backend.factories import ProblemFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_custom_input_runs_are_neither_history_nor_progress():
    user = UserFactory()
    problem = ProblemFactory(slug="blur")
    attempt = SubmissionFactory(owner=user, problem=problem, mode="run", status="done")
    custom = SubmissionFactory(
        owner=user, problem=problem, mode="run", status="done", custom_input='{"x": 1}'
    )
    assert list(history(user, problem)) == [attempt]
    assert list(custom_runs(user, problem)) == [custom]
    assert progress(user)["submissions"] == 1
    client = Client()
    client.force_login(user)
    page = client.get("/progress/").content.decode()
    assert f"/submissions/{attempt.pk}/" in page and f"/submissions/{custom.pk}/" not in page


def test_custom_runs_only_make_no_attempt():
    user = UserFactory()
    SubmissionFactory(owner=user, mode="run", status="done", custom_input='{"x": 1}')
    assert progress(user)["attempted"] == 0


def test_numpy_scalar_reprs_read_as_plain_numbers():
    text = "output[0, 0] is np.uint8(57), expected np.float64(0.5); np.True_ stays"
    assert plain_numbers(text) == "output[0, 0] is 57, expected 0.5; np.True_ stays"


def test_submission_page_lists_failures_first_without_numpy_reprs():
    user = UserFactory()
    result = {
        "cases": [
            {"name": "fine", "sample": True, "verdict": "accepted", "message": ""},
            {"name": "broken", "sample": True, "verdict": "wrong_answer",
             "message": "got np.int64(2)", "cpu_time": 0.001, "memory_kb": 1024},
        ]
    }
    submission = SubmissionFactory(owner=user, status="done", verdict="wrong_answer", result=result)
    client = Client()
    client.force_login(user)
    page = client.get(f"/submissions/{submission.pk}/").content.decode()
    assert "got 2" in page and "np.int64" not in page
    assert page.index("broken") < page.index("fine")
