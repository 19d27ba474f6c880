"""POST through the API, a real Celery worker grades in the sandbox, the verdict is stored."""

from __future__ import annotations

import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from backend.submissions.models import Submission
from tests.backend.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SLOW_ACCEPTED = """
import time

def add_one(x):
    end = time.process_time() + 0.6   # burn CPU so the kill lands mid-grade
    while time.process_time() < end:
        pass
    return x + 1
"""


@pytest.fixture
def client(problems_root) -> APIClient:
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    api = APIClient()
    api.force_authenticate(UserFactory())
    return api


def submit(client: APIClient, problem: str, code: str, mode: str = "submit") -> int:
    response = client.post(
        "/api/submissions/", {"problem": problem, "code": code, "mode": mode}, format="json"
    )
    assert response.status_code == 201, response.content
    return int(response.json()["id"])


def wait_for(submission_id: int, status: str = "done", timeout: float = 90) -> Submission:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        submission = Submission.objects.get(id=submission_id)
        if submission.status == status:
            return submission
        time.sleep(0.2)
    raise AssertionError(f"submission {submission_id} still {submission.status} after {timeout} s")


def test_reference_solution_of_nms_is_accepted_by_a_real_worker(client, start_worker):
    start_worker()
    reference = Path("problems/nms/solutions/accepted/mask_loop.py").read_text()
    submission = wait_for(submit(client, "nms", reference))
    assert submission.verdict == "accepted" and submission.score == 1.0
    assert client.get(f"/api/submissions/{submission.id}/").json()["verdict"] == "accepted"


def test_wrong_solution_reports_the_failing_case_and_why(client, start_worker):
    start_worker()
    wrong = Path("problems/nms/solutions/wrong_answer/suppress_on_equal.py").read_text()
    submission = wait_for(submit(client, "nms", wrong))
    assert submission.verdict == "wrong_answer"
    failing = [case for case in submission.result["cases"] if case["verdict"] != "accepted"]
    assert failing and failing[0]["name"] == "iou_equal_to_threshold_is_kept"
    assert failing[0]["message"] == "wrong answer on a hidden case"


def test_worker_killed_mid_grade_ends_with_exactly_one_verdict(client, start_worker):
    first = start_worker("w1")
    submission_id = submit(client, "add_one", SLOW_ACCEPTED)
    wait_for(submission_id, status="running", timeout=60)
    time.sleep(0.5)
    first.kill()  # kill -9 the worker and its pool child while it grades
    assert Submission.objects.get(id=submission_id).status == "running"
    start_worker("w2")
    submission = wait_for(submission_id, timeout=120)
    assert submission.verdict == "accepted"
    assert submission.attempts == 2  # graded once more after the sweep released the dead claim
    assert len(submission.result["cases"]) == 3


def test_interview_deadline_auto_submits_the_draft_and_a_worker_grades_it(client, start_worker):
    from datetime import timedelta

    from django.utils import timezone

    from backend.catalog.models import Problem
    from backend.interviews.models import Interview, InterviewTemplate
    from backend.interviews.tasks import finish_interview
    from backend.submissions.models import Draft

    start_worker()
    template = InterviewTemplate.objects.create(name="one", duration_minutes=10, problem_count=1)
    template.fixed_problems.add(Problem.objects.get(slug="add_one"))
    user = client.handler._force_user
    state = client.post("/api/interviews/", {"template": template.pk}, format="json").json()
    Draft.objects.create(
        owner=user,
        problem=Problem.objects.get(slug="add_one"),
        code="def add_one(x):\n    return x + 1\n",
    )
    Interview.objects.filter(id=state["id"]).update(deadline=timezone.now() - timedelta(seconds=1))
    finish_interview.delay(state["id"])  # what the task scheduled at the deadline does
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        automatic = Submission.objects.filter(interview_id=state["id"], automatic=True).first()
        if automatic is not None and automatic.status == "done":
            break
        time.sleep(0.3)
    assert automatic is not None and automatic.verdict == "accepted"
    assert Interview.objects.get(id=state["id"]).status == "finished"
