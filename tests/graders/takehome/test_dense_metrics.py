"""Segmentation and classification scores: hand-computed cases, perfect, empty and wrong."""

import json

import numpy as np
import pytest

from graders.takehome import (
    ClassificationPredictions,
    PredictionError,
    SegmentationPredictions,
    score,
    validate_predictions,
)
from graders.takehome.dense_metrics import classification_metrics, segmentation_metrics
from tests.graders.takehome.factories import (
    labels_csv,
    masks_zip,
    shipped,
    truth_labels,
    truth_masks,
)


def test_segmentation_hand_computed_iou():
    truth = {1: np.array([[0, 1], [1, 2]], np.uint8)}
    predicted = {1: np.array([[0, 1], [2, 2]], np.uint8)}
    report = segmentation_metrics(truth, predicted, ["a", "b", "c"])
    # a: TP 1, FN 1 -> 1/2; b: TP 1, FP 1 -> 1/2; c: nowhere -> left out; background 1/1.
    assert report.per_class["a"]["IoU"] == pytest.approx(0.5)
    assert report.per_class["b"]["IoU"] == pytest.approx(0.5)
    assert report.per_class["background"]["IoU"] == 1.0
    assert "c" not in report.per_class
    assert report.headline == {"mIoU": pytest.approx(0.5)}


def test_a_class_predicted_but_absent_counts_as_zero_and_missing_masks_as_background():
    truth = {1: np.array([[1, 1], [0, 0]], np.uint8), 2: np.array([[1, 0], [0, 0]], np.uint8)}
    predicted = {1: np.array([[1, 1], [2, 0]], np.uint8)}  # image 2 missing
    report = segmentation_metrics(truth, predicted, ["a", "b"])
    assert report.per_class["a"]["IoU"] == pytest.approx(2 / 3)
    assert report.per_class["b"]["IoU"] == 0.0
    assert report.headline["mIoU"] == pytest.approx((2 / 3 + 0) / 2)
    assert any("1 test images had no mask" in note for note in report.notes)


def test_segmentation_perfect_empty_and_shifted():
    package = shipped("segmentation")
    masks = truth_masks(package)
    perfect = score(package, validate_predictions(package, masks_zip(masks), "p.zip"))
    assert perfect.headline == {"mIoU": 1.0}
    empty = score(package, validate_predictions(package, masks_zip({}), "p.zip"))
    assert empty.headline == {"mIoU": 0.0}
    shifted = {i: np.roll(m, 2, axis=1) for i, m in masks.items()}
    worse = score(package, SegmentationPredictions(shifted)).headline["mIoU"]
    much_worse = score(
        package, SegmentationPredictions({i: np.roll(m, 8, axis=0) for i, m in masks.items()})
    ).headline["mIoU"]
    assert 1.0 > worse > much_worse > 0


def test_classification_hand_computed():
    truth = {1: "a", 2: "a", 3: "b", 4: "c"}
    predicted = {1: "a", 2: "b", 3: "b"}  # image 4 unanswered
    report = classification_metrics(truth, predicted, ["a", "b", "c", "d"])
    assert report.headline["accuracy"] == pytest.approx(0.5)
    # F1: a = 2/3 (P 1, R 1/2), b = 2/3 (P 1/2, R 1), c = 0; d is nowhere and left out.
    assert report.headline["macro_f1"] == pytest.approx(4 / 9)
    assert report.confusion == {
        "labels": ["a", "b", "c", "d"],
        "matrix": [[1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
        "unanswered": [0, 0, 1, 0],
    }
    assert set(report.per_class) == {"a", "b", "c"}


def test_classification_perfect_empty_and_wrong():
    package = shipped("classification")
    labels = truth_labels(package)
    perfect = score(package, validate_predictions(package, labels_csv(labels), "p.csv"))
    assert perfect.headline == {"accuracy": 1.0, "macro_f1": 1.0}
    assert perfect.primary == "macro_f1"
    empty = score(package, validate_predictions(package, b"image_id,label\n", "p.csv"))
    assert empty.headline == {"accuracy": 0.0, "macro_f1": 0.0}
    majority = score(package, ClassificationPredictions({i: "circle" for i in labels}))
    assert majority.headline["accuracy"] > majority.headline["macro_f1"] > 0


def test_latency_is_reported_beside_the_metrics_against_the_budget():
    package = shipped("classification")
    labels = ClassificationPredictions(truth_labels(package))
    fast = score(package, labels, reported_latency_ms=3.5)
    slow = score(package, labels, reported_latency_ms=12)
    assert fast.within_latency_budget is True and slow.within_latency_budget is False
    data = json.loads(json.dumps(slow.to_json(), allow_nan=False))
    assert data["latency"] == {"reported_ms": 12.0, "budget_ms": 5.0, "within_budget": False}
    assert score(package, labels).to_json().get("latency") is None


@pytest.mark.parametrize("latency", [float("nan"), float("inf"), -1.0, 0.0, True])
def test_a_bad_latency_is_refused(latency):
    package = shipped("classification")
    with pytest.raises(PredictionError) as caught:
        score(package, ClassificationPredictions({}), reported_latency_ms=latency)
    assert caught.value.errors[0][0] == "reported_latency_ms"


def test_predictions_of_another_task_are_refused():
    with pytest.raises(PredictionError, match="are classification predictions"):
        score(shipped("segmentation"), ClassificationPredictions({}))


def test_confusion_in_json_is_plain():
    package = shipped("classification")
    data = score(package, ClassificationPredictions(truth_labels(package))).to_json()
    assert json.loads(json.dumps(data, allow_nan=False))["confusion"]["labels"] == list(
        package.class_names
    )
