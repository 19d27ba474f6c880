"""score(): a validated hand-in against the hidden test labels, one MetricReport out."""

from __future__ import annotations

import dataclasses
import math
from functools import lru_cache
from typing import Any

from graders.takehome.dataset import coco_ground_truth, test_labels
from graders.takehome.dense_metrics import classification_metrics, segmentation_metrics
from graders.takehome.detection_metrics import detection_metrics
from graders.takehome.package import TakehomePackage
from graders.takehome.predictions import (
    ClassificationPredictions,
    DetectionPredictions,
    PredictionError,
    Predictions,
    SegmentationPredictions,
)
from graders.takehome.report import MetricReport

MAX_LATENCY_MS = 1e7


@lru_cache(maxsize=8)
def _detection_truth(package: TakehomePackage) -> dict[str, Any]:
    return coco_ground_truth(package.dataset, test_labels(package))


def _check_latency(reported_latency_ms: float | None) -> float | None:
    if reported_latency_ms is None:
        return None
    if (
        isinstance(reported_latency_ms, bool)
        or not isinstance(reported_latency_ms, int | float)
        or not math.isfinite(reported_latency_ms)
        or not 0 < reported_latency_ms <= MAX_LATENCY_MS
    ):
        raise PredictionError(
            [
                (
                    "reported_latency_ms",
                    f"must be a number of milliseconds > 0, got {reported_latency_ms!r}",
                )
            ]
        )
    return float(reported_latency_ms)


def score(
    package: TakehomePackage, predictions: Predictions, *, reported_latency_ms: float | None = None
) -> MetricReport:
    """Metrics of validated predictions on the hidden test split (see validate_predictions)."""
    latency = _check_latency(reported_latency_ms)
    if predictions.task != package.task:
        raise PredictionError(
            [
                (
                    "predictions",
                    f"are {predictions.task} predictions; {package.slug} is {package.task}",
                )
            ]
        )
    classes = package.class_names
    if isinstance(predictions, DetectionPredictions):
        report = detection_metrics(_detection_truth(package), predictions.detections, classes)
    elif isinstance(predictions, SegmentationPredictions):
        truth_split = test_labels(package)
        truth_masks = {
            image_id: scene.class_map
            for image_id, scene in zip(truth_split.image_ids, truth_split.scenes, strict=True)
        }
        report = segmentation_metrics(truth_masks, predictions.masks, classes)
    elif isinstance(predictions, ClassificationPredictions):
        truth_split = test_labels(package)
        truth_labels = {
            image_id: classes[scene.label]
            for image_id, scene in zip(truth_split.image_ids, truth_split.scenes, strict=True)
        }
        report = classification_metrics(truth_labels, predictions.labels, classes)
    else:  # pragma: no cover - the union is closed
        raise TypeError(f"unknown predictions {type(predictions).__name__}")
    return dataclasses.replace(
        report, latency_ms=latency, latency_budget_ms=package.latency_budget_ms
    )
