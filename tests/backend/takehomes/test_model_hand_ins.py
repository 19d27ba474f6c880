"""Model hand-ins (issue 14): model.onnx checked statically at the door, run and timed by the
worker on the hidden inputs, scored inside the budget only; the report never carries the
hidden inputs or labels."""

from __future__ import annotations

import json
import re
import shutil
from io import StringIO
from pathlib import Path

import onnx
import pytest
from django.core.management import call_command

from backend.grading import artifacts
from backend.takehomes import services, tasks
from backend.takehomes.models import ModelHandIn, TakeHome
from tests.backend.factories import UserFactory
from tests.backend.takehomes.conftest import REPO, client_for, code_zip, upload
from tests.graders.conftest import require_sandbox

pytestmark = pytest.mark.django_db

SLUG = "th_compress"
STARTER = REPO / "problems" / "takehome_compress" / "starter" / "model.onnx"


@pytest.fixture
def model_takehome(tmp_path: Path, settings, monkeypatch) -> TakeHome:
    """The compression take-home with 64 hidden inputs and 3 timing loops, to stay quick."""
    root = tmp_path / "problems"
    folder = root / SLUG
    shutil.copytree(REPO / "problems" / "takehome_compress", folder)
    toml = (folder / "problem.toml").read_text()
    toml = re.sub(r"(?m)^test = \d+$", "test = 64", toml)
    toml = re.sub(r"(?m)^loops = \d+$", "loops = 3", toml)
    (folder / "problem.toml").write_text(toml)
    settings.CVPREP_PROBLEMS_DIR = root
    settings.VAR_DIR = tmp_path / "var"
    monkeypatch.setattr("backend.takehomes.tasks.grade_model_hand_in.delay", lambda job_id: None)
    call_command("sync_takehomes", "--path", str(root), "--skip-zips", stdout=StringIO())
    return TakeHome.objects.get(slug=SLUG)


@pytest.fixture
def model_assignment(model_takehome, reviewer, candidate):
    return services.create_assignment(
        reviewer=reviewer, takehome=model_takehome, candidate=candidate
    )


def post_model(user, assignment, model: bytes, name: str = "model.onnx"):
    return client_for(user).post(
        f"/api/assignments/{assignment.pk}/model-hand-ins/",
        {
            "model": upload(name, model),
            "code": upload("code.zip", code_zip()),
            "writeup": upload("WRITEUP.md", b"# Int8\n\nquantize_static."),
            "reported_latency_ms": "0.2",
        },
        format="multipart",
    )


def test_the_sync_marks_a_template_that_asks_for_a_model(model_takehome):
    assert model_takehome.wants_model and not model_takehome.wants_latency
    assert model_takehome.has_model_budget  # [model.budget]: the metric counts inside it only


def test_a_model_breaking_the_contract_is_refused_before_anything_is_saved(
    model_assignment, candidate
):
    model = onnx.load_model_from_string(STARTER.read_bytes())
    model.graph.input[0].name = "pixels"
    response = post_model(candidate, model_assignment, model.SerializeToString())
    assert response.status_code == 400
    assert "images" in json.dumps(response.json())
    assert not ModelHandIn.objects.exists()


def test_a_truncated_file_and_a_wrong_suffix_are_refused(model_assignment, candidate):
    assert post_model(candidate, model_assignment, STARTER.read_bytes()[:5000]).status_code == 400
    assert post_model(candidate, model_assignment, STARTER.read_bytes(), "m.pt").status_code == 400
    assert not ModelHandIn.objects.exists()


def test_only_the_candidate_hands_in_a_model(model_assignment, reviewer):
    assert post_model(reviewer, model_assignment, STARTER.read_bytes()).status_code == 403


def test_the_starter_is_run_timed_and_scored_outside_the_budget(model_assignment, candidate):
    require_sandbox()
    response = post_model(candidate, model_assignment, STARTER.read_bytes())
    assert response.status_code == 201, response.content
    hand_in_id = response.json()["id"]
    assert response.json()["status"] == "queued"

    tasks.grade_model_hand_in(hand_in_id)
    hand_in = ModelHandIn.objects.get(id=hand_in_id)
    assert hand_in.status == "done", hand_in.error
    report = hand_in.report
    assert report["valid"] and report["card"]["params"] == 241220
    assert report["latency_ms"]["p90"] > 0 and report["reference_latency_ms"]["p90"] > 0
    # Itself is not faster than itself: outside the budget, so the leaderboard counts 0.
    assert report["within_budget"] is False and hand_in.primary_value == 0.0
    assert report["metrics"]["headline"]["accuracy"] > 0.7
    assert hand_in.p90_ms == report["latency_ms"]["p90"]
    assert {"latency", "confusion"} <= set(artifacts.names(hand_in))

    body = client_for(candidate).get(
        f"/api/assignments/{model_assignment.pk}/model-hand-ins/{hand_in_id}/"
    )
    assert body.status_code == 200
    text = json.dumps(body.json())
    assert '"reported_latency_ms": 0.2' in text
    # The hidden inputs' ids and labels never leave: no per-image rows in what is served.
    assert "image_id" not in text and "labels.csv" not in text
    plot = client_for(candidate).get(body.json()["plots"]["latency"])
    assert plot.status_code == 200 and bytes(plot.content).startswith(b"\x89PNG")


def test_a_predictions_take_home_refuses_a_model(assignment, candidate):
    response = post_model(candidate, assignment, STARTER.read_bytes())
    assert response.status_code == 400
    assert "not a model" in json.dumps(response.json())


def test_the_pages_show_the_card_the_measured_latency_and_the_pareto_chart(
    model_assignment, candidate, reviewer
):
    require_sandbox()
    page = client_for(candidate).get(f"/takehomes/assignments/{model_assignment.pk}/")
    assert b'id="model-hand-in-form"' in page.content and b'name="predictions"' not in page.content
    response = client_for(candidate).post(
        f"/takehomes/assignments/{model_assignment.pk}/model-hand-in/",
        {
            "model": upload("model.onnx", STARTER.read_bytes()),
            "code": upload("code.zip", code_zip()),
            "writeup": "# Starter as it is",
        },
    )
    assert response.status_code == 302
    hand_in = ModelHandIn.objects.get()
    tasks.grade_model_hand_in(hand_in.id)
    detail = client_for(reviewer).get(response["Location"]).content.decode()
    assert 'id="model-card"' in detail and "241,220" in detail and 'id="p90"' in detail
    assert "Outside the budget" in detail
    # The page names metrics and plots in words, and each budget rule says met or missed.
    assert "macro-F1" in detail and "top-1 accuracy" in detail and "macro_f1" not in detail
    assert "<figcaption>Confusion matrix</figcaption>" in detail
    assert "missed: p90 is" in detail and "met: top-1" in detail
    board = client_for(reviewer).get(f"/takehomes/{SLUG}/leaderboard/").content.decode()
    assert "carl" in board and 'id="pareto"' in board
    assert "macro-F1 against latency" in board and "macro_f1" not in board
    chart = client_for(reviewer).get(f"/takehomes/{SLUG}/pareto.png")
    assert chart.status_code == 200 and bytes(chart.content).startswith(b"\x89PNG")
    assert client_for(UserFactory()).get(f"/takehomes/{SLUG}/pareto.png").status_code == 404
