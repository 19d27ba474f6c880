"""Plots are valid PNGs of a readable size, for every task, including an empty hand-in."""

import io

import numpy as np
import pytest
from PIL import Image

from graders.takehome import (
    ClassificationPredictions,
    DetectionPredictions,
    SegmentationPredictions,
    render_plots,
    score,
    validate_predictions,
)
from tests.graders.takehome.factories import (
    json_bytes,
    perfect_detections,
    shipped,
    truth_labels,
    truth_masks,
)

EXPECTED = {
    "detection": {"pr_curves", "per_class"},
    "segmentation": {"per_class"},
    "classification": {"per_class", "confusion"},
}


def reports(task):
    package = shipped(task)
    if task == "detection":
        good = validate_predictions(package, json_bytes(perfect_detections(package)[::2]), "p.json")
        return package, [score(package, good), score(package, DetectionPredictions(()))]
    if task == "segmentation":
        return package, [
            score(package, SegmentationPredictions(truth_masks(package))),
            score(package, SegmentationPredictions({})),
        ]
    return package, [
        score(package, ClassificationPredictions(truth_labels(package))),
        score(package, ClassificationPredictions({})),
    ]


@pytest.mark.parametrize("task", sorted(EXPECTED))
def test_plots_are_valid_pngs(task):
    package, task_reports = reports(task)
    for report in task_reports:
        plots = render_plots(package, report)
        assert set(plots) == EXPECTED[task]
        for png in plots.values():
            assert png.startswith(b"\x89PNG\r\n\x1a\n")
            image = Image.open(io.BytesIO(png))
            image.verify()
            assert image.format == "PNG" and image.size[0] >= 400 and image.size[1] >= 300


def test_plots_are_not_blank():
    package, (report, _) = reports("detection")
    image = Image.open(io.BytesIO(render_plots(package, report)["pr_curves"])).convert("L")
    assert len(np.unique(np.asarray(image))) > 10  # axes, labels, curves in several colours
