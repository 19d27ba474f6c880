"""A segmentation take-home that asks for a model (problems/takehome_segment_model): the
hand-in is run on the hidden images and its pages name the package's metric, mIoU with
per-class IoU, on the report, the leaderboard and the Pareto chart."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from backend.takehomes import services, tasks
from backend.takehomes.models import ModelHandIn, TakeHome
from tests.backend.takehomes.conftest import REPO, client_for, code_zip, upload
from tests.graders.conftest import require_sandbox
from tests.graders.models.builders import conv_net

pytestmark = pytest.mark.django_db

SLUG = "th_segment_model"
PACKAGE = REPO / "problems" / "takehome_segment_model"
ANSWER = PACKAGE / "solution" / "model.onnx"


@pytest.fixture
def segmentation_assignment(tmp_path: Path, settings, monkeypatch, reviewer, candidate):
    """The package with 2 timing loops, to stay quick."""
    root = tmp_path / "problems"
    shutil.copytree(PACKAGE, root / SLUG)
    toml = (root / SLUG / "problem.toml").read_text()
    (root / SLUG / "problem.toml").write_text(re.sub(r"(?m)^loops = \d+$", "loops = 2", toml))
    settings.CVPREP_PROBLEMS_DIR = root
    settings.VAR_DIR = tmp_path / "var"
    monkeypatch.setattr("backend.takehomes.tasks.grade_model_hand_in.delay", lambda job_id: None)
    call_command("sync_takehomes", "--path", str(root), "--skip-zips", stdout=StringIO())
    takehome = TakeHome.objects.get(slug=SLUG)
    assert takehome.wants_model and takehome.task == "segmentation"
    return services.create_assignment(reviewer=reviewer, takehome=takehome, candidate=candidate)


def test_a_classification_shaped_model_is_refused_at_the_door(segmentation_assignment, candidate):
    # The classification contract at this size: logits (N, 4), one row per image.
    classifier = conv_net(size=64, classes=4).SerializeToString()
    response = client_for(candidate).post(
        f"/api/assignments/{segmentation_assignment.pk}/model-hand-ins/",
        {
            "model": upload("model.onnx", classifier),
            "code": upload("code.zip", code_zip()),
            "writeup": upload("WRITEUP.md", b"# wrong task"),
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert "(N, 4, 64, 64)" in response.content.decode()
    assert not ModelHandIn.objects.exists()


def test_the_pages_show_miou_and_per_class_iou_instead_of_accuracy(
    segmentation_assignment, candidate, reviewer
):
    require_sandbox()
    assignment = segmentation_assignment
    response = client_for(candidate).post(
        f"/takehomes/assignments/{assignment.pk}/model-hand-in/",
        {
            "model": upload("model.onnx", ANSWER.read_bytes()),
            "code": upload("code.zip", code_zip()),
            "writeup": "# A tiny U-Net",
        },
    )
    assert response.status_code == 302
    hand_in = ModelHandIn.objects.get()
    tasks.grade_model_hand_in(hand_in.id)
    hand_in.refresh_from_db()
    assert hand_in.status == "done", hand_in.error
    assert hand_in.primary_metric == "mIoU" and hand_in.primary_value > 0.65
    assert hand_in.primary_value == hand_in.report["metrics"]["headline"]["mIoU"]

    detail = client_for(candidate).get(response["Location"]).content.decode()
    assert "<strong>mIoU</strong>" in detail and "accuracy" not in detail
    per_class = detail[detail.index('id="per-class"') :]
    assert '<th scope="col">IoU</th>' in per_class
    for name in ("background", "circle", "triangle", "square"):
        assert f"<td>{name}</td>" in per_class
    assert 'id="p90"' in detail and "per_class" in detail  # the per-class IoU bars
    # no [model.budget] in this template: nothing says the metric counts only inside one
    assert "inside the budget" not in detail and "Outside the budget" not in detail
    assert "the budget's clock;" not in detail

    board = client_for(reviewer).get(f"/takehomes/{SLUG}/leaderboard/").content.decode()
    assert "mIoU against latency" in board and "Accuracy" not in board
    assert "mIoU <strong>" in board and "inside the budget" not in board
    chart = client_for(reviewer).get(f"/takehomes/{SLUG}/pareto.png")
    assert chart.status_code == 200 and bytes(chart.content).startswith(b"\x89PNG")
