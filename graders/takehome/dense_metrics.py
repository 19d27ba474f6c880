"""Segmentation and classification metrics, in numpy.

Segmentation: one confusion matrix over every pixel of the test split (truth x prediction,
background included), then IoU_c = TP / (TP + FP + FN) per class. mIoU averages the SHAPE classes
only: background is reported beside it but left out, so an empty hand-in (all background) scores
0 instead of getting credit for the background. A class whose union is empty (not in the truth
and never predicted) is left out of the mean; a class predicted but absent from the truth has
IoU 0 and counts. A missing mask counts as all background.

Classification: accuracy over every test image (an unanswered image is wrong), macro-F1 as the
unweighted mean of per-class F1 over the classes in the truth or the predictions (as
scikit-learn's ``f1_score(average="macro")``), the confusion matrix with rows = truth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from graders.takehome.report import MetricReport


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def segmentation_metrics(
    truth: Mapping[int, NDArray[np.uint8]],
    predicted: Mapping[int, NDArray[np.uint8]],
    class_names: Sequence[str],
) -> MetricReport:
    """``truth`` and ``predicted`` map image_id -> (H, W) class indices, 0 = background."""
    labels = len(class_names) + 1
    confusion = np.zeros((labels, labels), dtype=np.int64)
    missing = 0
    for image_id, truth_mask in truth.items():
        prediction = predicted.get(image_id)
        if prediction is None:
            missing += 1
            prediction = np.zeros_like(truth_mask)
        pairs = truth_mask.astype(np.int64).ravel() * labels + prediction.astype(np.int64).ravel()
        confusion += np.bincount(pairs, minlength=labels * labels).reshape(labels, labels)
    true_positive = np.diag(confusion).astype(float)
    truth_pixels = confusion.sum(axis=1).astype(float)
    predicted_pixels = confusion.sum(axis=0).astype(float)
    union = truth_pixels + predicted_pixels - true_positive
    per_class: dict[str, dict[str, float]] = {}
    ious = []
    absent = []
    for index, name in enumerate(("background", *class_names)):
        if union[index] == 0:
            absent.append(name)
            continue
        iou = float(true_positive[index] / union[index])
        per_class[name] = {
            "IoU": iou,
            "precision": _ratio(true_positive[index], predicted_pixels[index]),
            "recall": _ratio(true_positive[index], truth_pixels[index]),
            "pixels": float(truth_pixels[index]),
        }
        if index > 0:
            ious.append(iou)
    notes = ["mIoU averages the shape classes; background IoU is shown but not averaged"]
    if absent:
        notes.append(f"left out (neither in the truth nor predicted): {', '.join(absent)}")
    if missing:
        notes.append(f"{missing} test images had no mask and count as all background")
    return MetricReport(
        task="segmentation",
        headline={"mIoU": float(np.mean(ious)) if ious else 0.0},
        primary="mIoU",
        per_class=per_class,
        notes=tuple(notes),
    )


def classification_metrics(
    truth: Mapping[int, str], predicted: Mapping[int, str], class_names: Sequence[str]
) -> MetricReport:
    """``truth`` and ``predicted`` map image_id -> class name; a missing prediction is wrong."""
    index = {name: position for position, name in enumerate(class_names)}
    size = len(class_names)
    matrix = np.zeros((size, size), dtype=np.int64)
    unanswered = np.zeros(size, dtype=np.int64)
    for image_id, true_label in truth.items():
        guess = predicted.get(image_id)
        if guess is None:
            unanswered[index[true_label]] += 1
        else:
            matrix[index[true_label], index[guess]] += 1
    support = matrix.sum(axis=1) + unanswered
    predicted_counts = matrix.sum(axis=0)
    per_class: dict[str, dict[str, float]] = {}
    f1_scores = []
    for position, name in enumerate(class_names):
        if support[position] == 0 and predicted_counts[position] == 0:
            continue
        hits = float(matrix[position, position])
        precision = _ratio(hits, float(predicted_counts[position]))
        recall = _ratio(hits, float(support[position]))
        f1 = _ratio(2 * precision * recall, precision + recall)
        per_class[name] = {
            "precision": precision,
            "recall": recall,
            "F1": f1,
            "support": float(support[position]),
        }
        f1_scores.append(f1)
    total = int(support.sum())
    notes = []
    if unanswered.sum():
        notes.append(f"{int(unanswered.sum())} test images had no prediction and count as wrong")
    return MetricReport(
        task="classification",
        headline={
            "accuracy": _ratio(float(np.trace(matrix)), float(total)),
            "macro_f1": float(np.mean(f1_scores)) if f1_scores else 0.0,
        },
        primary="macro_f1",
        per_class=per_class,
        confusion={
            "labels": list(class_names),
            "matrix": matrix.tolist(),
            "unanswered": unanswered.tolist(),
        },
        notes=tuple(notes),
    )
