"""Detection and segmentation hand-ins go through the same path: the documented file type,
the engine's checks, a graded report with the task's own primary metric."""

import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command

from backend.takehomes import services, tasks
from backend.takehomes.models import HandIn, TakeHome
from graders.takehome import load_takehome
from graders.takehome.dataset import split_image_ids
from tests.backend.takehomes.conftest import post_hand_in, small_takehome

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(tmp_path, settings, reviewer, candidate):
    def make(task: str):
        root = tmp_path / task
        small_takehome(root, f"th_{task}", task=task)
        settings.CVPREP_PROBLEMS_DIR = root
        settings.VAR_DIR = tmp_path / "var"
        call_command("sync_takehomes", "--path", str(root), "--skip-zips", stdout=StringIO())
        takehome = TakeHome.objects.get(slug=f"th_{task}")
        assignment = services.create_assignment(
            reviewer=reviewer, takehome=takehome, candidate=candidate
        )
        return assignment, load_takehome(root / takehome.slug)

    return make


def test_detection_hand_in_is_graded_with_its_primary_metric(setup, candidate, sent):
    assignment, package = setup("detection")
    first = split_image_ids(package.dataset, "test")[0]
    detections = [{"image_id": first, "category_id": 1, "bbox": [1, 2, 10, 10], "score": 0.5}]
    response = post_hand_in(
        candidate,
        assignment,
        package,
        predictions=json.dumps(detections).encode(),
        predictions_name="predictions.json",
        latency="",
    )
    assert response.status_code == 201, response.content
    tasks.grade_hand_in(response.json()["id"])
    hand_in = HandIn.objects.get()
    assert hand_in.status == "done", hand_in.error
    assert hand_in.primary_metric in hand_in.report["headline"]
    assert hand_in.reported_latency_ms is None


def test_detection_errors_name_the_entry(setup, candidate, sent):
    assignment, package = setup("detection")
    bad = json.dumps([{"image_id": 1, "category_id": 1, "bbox": [0, 0, -1, 3], "score": 1}])
    response = post_hand_in(
        candidate, assignment, package, predictions=bad.encode(),
        predictions_name="predictions.json", latency="",
    )  # fmt: skip
    assert response.status_code == 400
    assert any("0" in message for message in response.json()["errors"]["predictions"])


def test_segmentation_hand_in_of_png_masks_is_graded(setup, candidate, sent):
    from PIL import Image

    assignment, package = setup("segmentation")
    size = package.dataset.image_size
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for image_id in split_image_ids(package.dataset, "test")[:3]:
            mask = io.BytesIO()
            Image.new("L", (size, size), 1).save(mask, format="PNG")
            archive.writestr(f"{image_id}.png", mask.getvalue())
    response = post_hand_in(
        candidate, assignment, package, predictions=buffer.getvalue(),
        predictions_name="predictions.zip", latency="",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    tasks.grade_hand_in(response.json()["id"])
    hand_in = HandIn.objects.get()
    assert hand_in.status == "done", hand_in.error
    assert 0 <= hand_in.primary_value <= 1
