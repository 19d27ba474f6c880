"""The metric grading task: graded once even when delivered twice, plots stored, stale work
swept, failures recorded on the row."""

from datetime import timedelta

import pytest
from django.utils import timezone

from backend.grading import artifacts, kinds, lifecycle
from backend.grading.kinds import Outcome
from backend.grading.sweep import sweep
from backend.takehomes import tasks
from backend.takehomes.models import HandIn
from tests.backend.takehomes.conftest import client_for, post_hand_in, predictions_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def hand_in_id(assignment, candidate, package, sent) -> int:
    return post_hand_in(
        candidate, assignment, package, predictions=predictions_csv(package, right=True)
    ).json()["id"]


def test_grading_scores_on_the_hidden_split_and_stores_plots(hand_in_id, candidate, assignment):
    tasks.grade_hand_in(hand_in_id)
    hand_in = HandIn.objects.get(id=hand_in_id)
    assert hand_in.status == "done" and hand_in.attempts == 1
    assert hand_in.primary_metric == "macro_f1" and hand_in.primary_value == pytest.approx(1.0)
    assert hand_in.report["headline"]["accuracy"] == pytest.approx(1.0)
    plots = artifacts.of(HandIn, hand_in_id)
    assert plots.exists()
    body = client_for(candidate).get(f"/api/assignments/{assignment.pk}/hand-ins/{hand_in_id}/")
    url = next(iter(body.json()["plots"].values()))
    response = client_for(candidate).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert bytes(response.content).startswith(b"\x89PNG")


def test_a_duplicate_delivery_grades_once(hand_in_id, monkeypatch):
    from backend.takehomes import services

    calls = []
    real = services.grade
    monkeypatch.setattr(services, "grade", lambda hand_in: calls.append(1) or real(hand_in))
    tasks.grade_hand_in(hand_in_id)
    tasks.grade_hand_in(hand_in_id)
    assert len(calls) == 1
    assert HandIn.objects.get(id=hand_in_id).attempts == 1


def test_a_result_from_a_taken_over_claim_is_discarded(hand_in_id):
    takehome = kinds.get("takehome")
    stale_token = lifecycle.claim(takehome, hand_in_id)
    # The sweep released the claim and another worker graded it meanwhile.
    HandIn.objects.filter(id=hand_in_id).update(status="queued", claim=None)
    tasks.grade_hand_in(hand_in_id)
    outcome = Outcome(fields={"report": {"headline": {}}, "primary_metric": "x"})
    assert not lifecycle.finish(takehome, hand_in_id, stale_token, outcome)
    assert HandIn.objects.get(id=hand_in_id).primary_metric == "macro_f1"


def test_a_scoring_failure_is_recorded_not_retried_forever(hand_in_id, monkeypatch):
    from backend.takehomes import services

    def broken(hand_in):
        raise RuntimeError("labels missing")

    monkeypatch.setattr(services, "grade", broken)
    tasks.grade_hand_in(hand_in_id)
    hand_in = HandIn.objects.get(id=hand_in_id)
    assert hand_in.status == "failed" and "labels missing" in hand_in.error


def test_sweep_requeues_lost_and_stuck_hand_ins_and_gives_up_after_max_attempts(
    hand_in_id, sent, settings, empty_broker
):
    old = timezone.now() - timedelta(hours=1)
    HandIn.objects.filter(id=hand_in_id).update(enqueued_at=old)
    assert sweep(kinds.get("takehome")) == 1 and sent[-1] == hand_in_id
    assert sweep(kinds.get("takehome")) == 0  # just re-enqueued: not stale any more

    HandIn.objects.filter(id=hand_in_id).update(
        status="running", started_at=old, attempts=1, claim=HandIn.new_claim()
    )
    assert sweep(kinds.get("takehome")) == 1
    assert HandIn.objects.get(id=hand_in_id).status == "queued"

    HandIn.objects.filter(id=hand_in_id).update(
        status="running", started_at=old, attempts=settings.CVPREP_MAX_ATTEMPTS
    )
    assert sweep(kinds.get("takehome")) == 0
    assert HandIn.objects.get(id=hand_in_id).status == "failed"
