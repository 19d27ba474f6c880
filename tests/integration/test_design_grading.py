"""Design hand-ins graded by a real Celery worker: once, even when the worker is killed
mid-simulation or the queue loses the message."""

from __future__ import annotations

import shutil
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from backend.config.celery import app as celery_app
from backend.designs.models import DesignSubmission
from backend.grading import artifacts
from tests.backend.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

REPO = Path(__file__).resolve().parents[2]
SLUG = "design_multicam_detection"
SPEC = (REPO / "problems" / SLUG / "model_spec.yaml").read_text()


@pytest.fixture
def client(problems_root: Path) -> APIClient:
    shutil.copytree(REPO / "problems" / "components", problems_root / "components")
    shutil.copytree(REPO / "problems" / SLUG, problems_root / SLUG)
    call_command("sync_problems", "--path", str(problems_root), stdout=StringIO())
    api = APIClient()
    api.force_authenticate(UserFactory())
    return api


def hand_in(client: APIClient) -> int:
    response = client.post(
        "/api/design-submissions/",
        {"problem": SLUG, "write_up": "ten T4s", "spec_yaml": SPEC},
        format="json",
    )
    assert response.status_code == 201, response.content
    return int(response.json()["id"])


def wait_for(submission_id: int, status: str, timeout: float = 90) -> DesignSubmission:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        submission = DesignSubmission.objects.get(id=submission_id)
        if submission.status == status:
            return submission
        time.sleep(0.1)
    raise AssertionError(f"design {submission_id} still {submission.status} after {timeout} s")


def test_a_real_worker_simulates_and_stores_report_and_plots(client, start_worker):
    start_worker()
    submission = wait_for(hand_in(client), "done")
    assert submission.score == 1.0
    assert submission.report["metrics"]["throughput_fps"] > 5900
    assert set(artifacts.names(submission)) == {"latency", "utilisation"}


def test_worker_killed_mid_simulation_is_graded_once_by_the_next(client, start_worker):
    first = start_worker("w1")
    submission_id = hand_in(client)
    wait_for(submission_id, "running")
    first.kill()  # kill -9 the worker and its pool child while it simulates
    start_worker("w2")
    submission = wait_for(submission_id, "done", timeout=120)
    assert submission.attempts == 2
    assert len(artifacts.names(submission)) == 2


def test_a_lost_queue_message_is_recovered_by_the_sweep(client, start_worker):
    submission_id = hand_in(client)  # no worker yet: the message waits in Redis
    celery_app.control.purge()  # ... and is lost, as in a Redis restart
    start_worker()
    submission = wait_for(submission_id, "done", timeout=60)
    assert submission.attempts == 1
