"""A hand-in posted through the API is graded by a real Celery worker (no sandbox needed:
metric grading runs trusted code on the candidate's data file), and graded exactly once."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from backend.config.celery import app as celery_app
from backend.takehomes.models import HandIn, TakeHome
from tests.backend.factories import UserFactory
from tests.backend.takehomes.conftest import (
    client_for,
    make_reviewer,
    post_hand_in,
    predictions_csv,
    small_takehome,
)
from tests.integration.conftest import Worker, use_broker, worker_environment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def takehome_env(redis_url: str, settings, tmp_path: Path) -> dict[str, str]:
    root = tmp_path / "problems"
    small_takehome(root, "th_shapes")
    settings.CVPREP_PROBLEMS_DIR = root
    settings.VAR_DIR = tmp_path / "var"
    use_broker(redis_url, settings)
    env = worker_environment(
        redis_url,
        root,
        tmp_path / "var",
        CVPREP_SWEEP_INTERVAL_SECONDS="1",
        CVPREP_STALE_QUEUED_SECONDS="5",
        CVPREP_HEARTBEAT_STALE_SECONDS="3",
    )
    call_command("sync_takehomes", "--path", str(root), stdout=StringIO())
    return env


@pytest.fixture
def start_takehome_worker(takehome_env: dict[str, str], tmp_path: Path):
    workers: list[Worker] = []

    def start(name: str = "takehome") -> Worker:
        workers.append(Worker(takehome_env, tmp_path, name))
        return workers[-1]

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def takehome_worker(takehome_env: dict[str, str], start_takehome_worker) -> Path:
    start_takehome_worker()
    return Path(takehome_env["CVPREP_PROBLEMS_DIR"])


def hand_in_through_the_api(root: Path) -> int:
    from backend.takehomes import services
    from graders.takehome import load_takehome

    takehome = TakeHome.objects.get(slug="th_shapes")
    reviewer, candidate = make_reviewer("rita"), UserFactory(username="carl")
    assignment = services.create_assignment(
        reviewer=reviewer, takehome=takehome, candidate=candidate
    )
    package = load_takehome(root / "th_shapes")
    response = post_hand_in(
        candidate, assignment, package, predictions=predictions_csv(package, right=True)
    )
    assert response.status_code == 201, response.content
    return int(response.json()["id"])


def wait_until_graded(hand_in_id: int, timeout: float = 90) -> HandIn:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        hand_in = HandIn.objects.get(id=hand_in_id)
        if hand_in.status in ("done", "failed"):
            return hand_in
        time.sleep(0.2)
    return HandIn.objects.get(id=hand_in_id)


def test_a_real_worker_grades_a_hand_in_once(takehome_worker):
    from backend.takehomes import services
    from graders.takehome import load_takehome

    takehome = TakeHome.objects.get(slug="th_shapes")
    reviewer, candidate = make_reviewer("rita"), UserFactory(username="carl")
    assignment = services.create_assignment(
        reviewer=reviewer, takehome=takehome, candidate=candidate
    )
    package = load_takehome(takehome_worker / "th_shapes")
    response = post_hand_in(
        candidate, assignment, package, predictions=predictions_csv(package, right=True)
    )
    assert response.status_code == 201, response.content
    hand_in_id = response.json()["id"]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        hand_in = HandIn.objects.get(id=hand_in_id)
        if hand_in.status in ("done", "failed"):
            break
        time.sleep(0.2)
    assert hand_in.status == "done", hand_in.error
    assert hand_in.attempts == 1 and hand_in.primary_value == pytest.approx(1.0)
    detail = client_for(candidate).get(f"/api/assignments/{assignment.pk}/hand-ins/{hand_in_id}/")
    assert set(detail.json()["plots"]) == {"per_class", "confusion"}
    # A duplicate delivery of the same task changes nothing.
    from backend.takehomes.tasks import grade_hand_in

    grade_hand_in.delay(hand_in_id)
    time.sleep(1.5)
    assert HandIn.objects.get(id=hand_in_id).attempts == 1


def test_a_lost_queue_message_is_recovered_by_the_sweep(takehome_env, start_takehome_worker):
    hand_in_id = hand_in_through_the_api(Path(takehome_env["CVPREP_PROBLEMS_DIR"]))
    celery_app.control.purge()  # no worker yet, and the message is lost (a Redis restart)
    start_takehome_worker()
    hand_in = wait_until_graded(hand_in_id)
    assert hand_in.status == "done", hand_in.error
    assert hand_in.attempts == 1 and hand_in.primary_value == pytest.approx(1.0)


def test_a_hand_in_left_running_by_a_dead_worker_is_graded_once_by_the_sweep(
    takehome_env, start_takehome_worker
):
    # What a worker killed mid-grade leaves: the row claimed and running, its heartbeat silent,
    # the message acknowledged (gone from Redis). Take-home scoring is too quick to kill a real
    # worker inside it reliably, so the row is put in that state by hand.
    hand_in_id = hand_in_through_the_api(Path(takehome_env["CVPREP_PROBLEMS_DIR"]))
    celery_app.control.purge()
    long_ago = timezone.now() - timedelta(minutes=5)
    HandIn.objects.filter(id=hand_in_id).update(
        status="running",
        claim=uuid.uuid4(),
        attempts=1,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    start_takehome_worker()
    hand_in = wait_until_graded(hand_in_id)
    assert hand_in.status == "done", hand_in.error
    assert hand_in.attempts == 2  # the dead worker's attempt and one regrade, not more
    time.sleep(3)  # a few more sweeps find nothing to do
    assert HandIn.objects.get(id=hand_in_id).attempts == 2
