"""A torch problem's custom input through the site: checked when posted, graded by the task in
the torch sandbox, and only the candidate's own case comes back."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from backend.catalog.models import Problem
from backend.submissions.models import Submission
from backend.submissions.tasks import grade_submission
from tests.backend.factories import SubmissionFactory, UserFactory
from tests.graders.conftest import require_sandbox

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parents[2] / "graders" / "fixtures" / "scaled_add"
REFERENCE = (FIXTURE / "reference.py").read_text()
CUSTOM = '{"x": [[1, 2]], "y": [[3, 4]], "alpha": 2, "bias": [0.5, 7]}'


@pytest.fixture
def scaled_add(problems_root) -> Problem:
    require_sandbox()
    shutil.copytree(FIXTURE, problems_root / "scaled_add")
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    return Problem.objects.get(slug="scaled_add")


def post(custom_input: str):
    api = APIClient()
    api.force_authenticate(UserFactory())
    payload = {"problem": "scaled_add", "code": REFERENCE, "mode": "run"}
    return api.post("/api/submissions/", {**payload, "custom_input": custom_input}, format="json")


def test_torch_custom_input_is_checked_when_posted(scaled_add):
    assert post(CUSTOM).status_code == 201
    refused = post('{"x": [[1, 2]], "y": [[3, 4]], "alpha": "two", "bias": null}')
    assert refused.status_code == 400 and "alpha" in refused.json()["detail"]


def test_the_task_grades_a_torch_custom_case_and_returns_only_it(scaled_add):
    submission = SubmissionFactory(
        problem=scaled_add, code=REFERENCE, mode="run", custom_input=CUSTOM
    )
    grade_submission(submission.id)
    submission = Submission.objects.get(id=submission.id)
    assert submission.verdict == "accepted", submission.result
    (case,) = submission.result["cases"]
    assert case["name"] == "custom"
    assert case["expected_preview"]["tuple"][0]["array"]["data"] == [[5.5, 15.0]]


def test_a_wrong_gradient_on_a_torch_custom_case_is_named(scaled_add):
    detached = REFERENCE.replace("torch.add(y, x, alpha=alpha)", "y + alpha * x.detach()")
    submission = SubmissionFactory(
        problem=scaled_add, code=detached, mode="run", custom_input=CUSTOM
    )
    grade_submission(submission.id)
    submission = Submission.objects.get(id=submission.id)
    assert submission.verdict == "wrong_answer"
    assert "grad of x" in submission.result["cases"][0]["message"]


def test_the_prefilled_example_is_typed_as_custom_input_takes_it():
    from backend.submissions.practice import custom_input_example
    from tests.backend.factories import ProblemFactory

    sample_input = {
        "mode": "encode",
        "weights": {"tuple": [10.0, 10.0, 5.0, 5.0]},
        "reference_boxes": {"array": {"shape": [1, 4], "dtype": "float32", "data": [[0, 0, 4, 4]]}},
    }
    problem = ProblemFactory(slug="box_coder_like", samples=[{"input": sample_input}])
    example = custom_input_example(problem)
    assert '"weights": [10.0, 10.0, 5.0, 5.0]' in example and "tuple" not in example
    too_big = {"x": {"array": {"shape": [4096, 4096], "dtype": "float32"}}}
    assert custom_input_example(ProblemFactory(slug="big", samples=[{"input": too_big}])) == ""
