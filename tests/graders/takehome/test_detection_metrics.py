"""Detection scores: COCOeval's own figures, hand-computed cases, and sensible orderings."""

import contextlib
import io
import json
import math
from pathlib import Path

import pytest
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from graders.takehome import Detection, DetectionPredictions, score, validate_predictions
from graders.takehome import test_labels as hidden_labels
from graders.takehome.dataset import coco_ground_truth
from graders.takehome.detection_metrics import detection_metrics
from tests.graders.takehome.factories import json_bytes, perfect_detections, shipped


def one_image_truth(boxes: list[list[float]]) -> dict:
    return {
        "images": [{"id": 1, "width": 100, "height": 100, "file_name": "1.png"}],
        "annotations": [
            {
                "id": i + 1,
                "image_id": 1,
                "category_id": 1,
                "bbox": box,
                "area": box[2] * box[3],
                "iscrowd": 0,
            }
            for i, box in enumerate(boxes)
        ],
        "categories": [{"id": 1, "name": "circle"}, {"id": 2, "name": "square"}],
    }


def test_hand_computed_one_hit_one_false_positive_one_miss():
    # Ranked: a perfect hit (0.9), then a false positive (0.8); one object never found.
    # Recall reaches 0.5 at precision 1, so 51 of COCO's 101 recall points (0, .01 ... .5) have
    # interpolated precision 1 and the rest 0, at every IoU threshold: AP = 51/101.
    truth = one_image_truth([[10, 10, 20, 20], [60, 60, 20, 20]])
    detections = [Detection(1, 1, (10, 10, 20, 20), 0.9), Detection(1, 1, (40, 0, 5, 5), 0.8)]
    report = detection_metrics(truth, detections, ["circle", "square"])
    assert report.headline["mAP"] == pytest.approx(51 / 101)
    assert report.headline["AP50"] == pytest.approx(51 / 101)
    assert report.per_class["circle"]["AP"] == pytest.approx(51 / 101)
    assert report.per_class["circle"]["recall"] == pytest.approx(0.5)
    assert "square" not in report.per_class  # no ground truth: left out, as COCOeval does


def test_hand_computed_iou_082_counts_for_seven_of_ten_thresholds():
    # Box [0,0,10,10] against [0,0,10,8.2]: IoU 0.82, a hit at .50 .55 ... .80, a miss at .85+.
    truth = one_image_truth([[0, 0, 10, 10]])
    report = detection_metrics(truth, [Detection(1, 1, (0, 0, 10, 8.2), 0.5)], ["circle", "sq"])
    assert report.headline == pytest.approx({"mAP": 0.7, "AP50": 1.0, "AP75": 1.0})


def test_headline_and_per_class_agree_with_cocoeval_run_directly(tmp_path: Path):
    package = shipped("detection")
    shaken = [
        dict(
            d,
            bbox=[d["bbox"][0] + (i % 3), d["bbox"][1] - (i % 2), d["bbox"][2] + 1, d["bbox"][3]],
            score=1 - (i % 7) / 10,
        )
        for i, d in enumerate(perfect_detections(package))
        if i % 5
    ]
    report = score(package, validate_predictions(package, json_bytes(shaken), "p.json"))

    truth_path, results_path = tmp_path / "truth.json", tmp_path / "results.json"
    truth_path.write_text(json.dumps(coco_ground_truth(package.dataset, hidden_labels(package))))
    results_path.write_text(json.dumps(shaken))
    with contextlib.redirect_stdout(io.StringIO()):
        coco = COCO(str(truth_path))
        evaluator = COCOeval(coco, coco.loadRes(str(results_path)), "bbox")
        evaluator.evaluate()
        evaluator.accumulate()
        evaluator.summarize()
    assert report.headline["mAP"] == pytest.approx(evaluator.stats[0])
    assert report.headline["AP50"] == pytest.approx(evaluator.stats[1])
    assert report.headline["AP75"] == pytest.approx(evaluator.stats[2])
    assert 0.2 < report.headline["mAP"] < 0.95
    class_mean = sum(c["AP"] for c in report.per_class.values()) / len(report.per_class)
    assert class_mean == pytest.approx(report.headline["mAP"])


def test_perfect_predictions_score_one_and_empty_scores_zero():
    package = shipped("detection")
    perfect = score(
        package, validate_predictions(package, json_bytes(perfect_detections(package)), "p.json")
    )
    assert perfect.headline == {"mAP": 1.0, "AP50": 1.0, "AP75": 1.0}
    assert all(c["AP"] == 1.0 for c in perfect.per_class.values())
    empty = score(package, DetectionPredictions(()))
    assert empty.headline == {"mAP": 0.0, "AP50": 0.0, "AP75": 0.0}
    assert set(empty.per_class) == set(package.class_names)


def shifted(detections, dx):
    return [
        dict(d, bbox=[d["bbox"][0] + dx, d["bbox"][1] + dx, *d["bbox"][2:]]) for d in detections
    ]


def test_plausible_mistakes_score_lower():
    package = shipped("detection")
    perfect = perfect_detections(package)

    def map_of(entries):
        return score(package, validate_predictions(package, json_bytes(entries), "p.json")).headline

    one_px, four_px = map_of(shifted(perfect, 1)), map_of(shifted(perfect, 4))
    swapped = map_of(
        [dict(d, bbox=[d["bbox"][1], d["bbox"][0], d["bbox"][3], d["bbox"][2]]) for d in perfect]
    )
    classes = len(package.class_names)
    wrong_class = map_of([dict(d, category_id=d["category_id"] % classes + 1) for d in perfect])
    assert 1.0 > one_px["mAP"] > four_px["mAP"] > 0
    assert four_px["AP50"] > four_px["mAP"]  # a few pixels off still counts at IoU 0.5
    assert swapped["mAP"] < 0.2 and wrong_class["mAP"] == 0.0


def test_report_json_is_plain_and_finite():
    package = shipped("detection")
    report = score(
        package,
        validate_predictions(
            package, json_bytes(shifted(perfect_detections(package), 2)), "p.json"
        ),
    )
    data = json.loads(json.dumps(report.to_json(), allow_nan=False))
    assert data["primary"] == "mAP" and set(data["headline"]) == {"mAP", "AP50", "AP75"}
    for name, curve in data["curves"].items():
        assert name in package.class_names
        assert len(curve["recall"]) == len(curve["precision_iou50"]) == 101
        assert all(0.0 <= p <= 1.0 and math.isfinite(p) for p in curve["precision_iou50"])
    assert "latency" not in data
