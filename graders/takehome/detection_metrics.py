"""Detection metrics through pycocotools' COCOeval, the evaluator everyone quotes figures from.

mAP is COCOeval's AP@[.5:.95] (stats[0]), AP50 and AP75 its stats[1] and stats[2], all for
area "all" and maxDets 100. Per-class AP and PR curves are read from the same ``eval`` arrays,
so they agree with the headline by construction.
"""

from __future__ import annotations

import contextlib
import copy
import io
from collections.abc import Sequence
from typing import Any

import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from graders.takehome.predictions import Detection
from graders.takehome.report import MetricReport

_IOU_50, _IOU_75 = 0, 5  # indices in COCOeval's iouThrs .50:.05:.95
_AREA_ALL, _MAX_DETS_100 = 0, -1


def _quietly() -> contextlib.redirect_stdout[io.StringIO]:
    return contextlib.redirect_stdout(io.StringIO())  # COCO and COCOeval print progress


def _coco(ground_truth: dict[str, Any]) -> COCO:
    coco = COCO()
    coco.dataset = copy.deepcopy(ground_truth)
    with _quietly():
        coco.createIndex()
    return coco


def _instance_counts(ground_truth: dict[str, Any]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for annotation in ground_truth["annotations"]:
        counts[annotation["category_id"]] = counts.get(annotation["category_id"], 0) + 1
    return counts


def _zero_report(class_names: Sequence[str], counts: dict[int, int]) -> MetricReport:
    recall_grid = [round(float(v), 2) for v in np.linspace(0, 1, 101)]
    per_class = {
        name: {
            "AP": 0.0,
            "AP50": 0.0,
            "AP75": 0.0,
            "recall": 0.0,
            "instances": float(counts.get(index + 1, 0)),
        }
        for index, name in enumerate(class_names)
        if counts.get(index + 1)
    }
    curves = {
        name: {
            "recall": recall_grid,
            "precision_iou50": [0.0] * 101,
            "precision_iou75": [0.0] * 101,
        }
        for name in per_class
    }
    return MetricReport(
        task="detection",
        headline={"mAP": 0.0, "AP50": 0.0, "AP75": 0.0},
        primary="mAP",
        per_class=per_class,
        curves=curves,
        notes=("no detections were handed in",),
    )


def detection_metrics(
    ground_truth: dict[str, Any], detections: Sequence[Detection], class_names: Sequence[str]
) -> MetricReport:
    """Score detections against a COCO instances dict whose category ids are 1..len(classes)."""
    counts = _instance_counts(ground_truth)
    if not detections:
        return _zero_report(class_names, counts)
    coco_truth = _coco(ground_truth)
    results = [
        {
            "image_id": d.image_id,
            "category_id": d.category_id,
            "bbox": list(d.bbox),
            "score": d.score,
        }
        for d in detections
    ]
    with _quietly():
        coco_results = coco_truth.loadRes(results)
        evaluator = COCOeval(coco_truth, coco_results, "bbox")
        evaluator.evaluate()
        evaluator.accumulate()
        evaluator.summarize()
    stats = [max(0.0, float(v)) for v in evaluator.stats[:3]]  # -1 means "no ground truth"
    precision = evaluator.eval["precision"][:, :, :, _AREA_ALL, _MAX_DETS_100]  # T, R, K
    recall = evaluator.eval["recall"][:, :, _AREA_ALL, _MAX_DETS_100]  # T, K
    recall_grid = [round(float(v), 2) for v in evaluator.params.recThrs]
    per_class: dict[str, dict[str, float]] = {}
    curves: dict[str, dict[str, list[float]]] = {}
    for k, category_id in enumerate(evaluator.params.catIds):
        if not counts.get(category_id):
            continue  # no ground truth: COCOeval leaves it out of the mean, and so do we
        name = class_names[category_id - 1]
        per_class[name] = {
            "AP": float(np.mean(precision[:, :, k])),
            "AP50": float(np.mean(precision[_IOU_50, :, k])),
            "AP75": float(np.mean(precision[_IOU_75, :, k])),
            "recall": float(np.mean(recall[:, k])),
            "instances": float(counts[category_id]),
        }
        curves[name] = {
            "recall": recall_grid,
            "precision_iou50": [float(v) for v in precision[_IOU_50, :, k]],
            "precision_iou75": [float(v) for v in precision[_IOU_75, :, k]],
        }
    return MetricReport(
        task="detection",
        headline={"mAP": stats[0], "AP50": stats[1], "AP75": stats[2]},
        primary="mAP",
        per_class=per_class,
        curves=curves,
    )
