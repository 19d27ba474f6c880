import numpy as np

from graders.casekit import Case, rng


def boxes(rows):
    return np.array(rows, dtype=np.float64).reshape(-1, 4)


def detections(generator, objects, per_object, classes, size=4096.0):
    centres = generator.uniform(60, size - 60, (objects, 2))
    extents = generator.uniform(10, 150, (objects, 2))
    rows, labels = [], []
    for (cx, cy), (w, h) in zip(centres, extents, strict=True):
        jitter = generator.normal(0, 0.12, (per_object, 4)) * np.array([w, h, w, h])
        rows.append(np.array([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]) + jitter)
        # most proposals agree on the class, a few do not (a confused classifier)
        main = generator.integers(0, classes)
        labels.append(
            np.where(
                generator.random(per_object) < 0.8, main, generator.integers(0, classes, per_object)
            )
        )
    b = np.concatenate(rows)
    b = np.stack(
        [
            np.minimum(b[:, 0], b[:, 2]),
            np.minimum(b[:, 1], b[:, 3]),
            np.maximum(b[:, 0], b[:, 2]),
            np.maximum(b[:, 1], b[:, 3]),
        ],
        axis=1,
    )
    return np.clip(b, 0, size), np.concatenate(labels).astype(np.int64)


def generate():
    g = rng(80)
    many_b, many_c = detections(g, 250, 20, 20)
    few_b, few_c = detections(g, 250, 20, 3)
    tie_b, tie_c = detections(g, 30, 8, 3)
    return [
        Case(
            "example",
            {
                "boxes": boxes([[0, 0, 10, 10], [1, 1, 11, 11], [0, 0, 10, 10], [50, 50, 60, 60]]),
                "scores": np.array([0.9, 0.8, 0.85, 0.3]),
                "class_ids": np.array([0, 0, 1, 0]),
                "iou_threshold": 0.5,
            },
            sample=True,
        ),
        Case(
            "same_box_three_classes",
            {
                "boxes": boxes([[0, 0, 4, 4]] * 3 + [[0, 0, 4, 4.5]]),
                "scores": np.array([0.5, 0.7, 0.6, 0.9]),
                "class_ids": np.array([2, 0, 1, 2]),
                "iou_threshold": 0.3,
            },
            sample=True,
        ),
        Case(
            "empty",
            {
                "boxes": boxes([]),
                "scores": np.zeros(0),
                "class_ids": np.zeros(0, np.int64),
                "iou_threshold": 0.5,
            },
        ),
        Case(
            "one_class_equals_plain_nms",
            {
                "boxes": boxes([[0, 0, 10, 10], [5, 0, 15, 10], [10, 0, 20, 10]]),
                "scores": np.array([0.9, 0.8, 0.7]),
                "class_ids": np.array([4, 4, 4]),
                "iou_threshold": 0.3,
            },
        ),
        Case(
            "ties_across_classes_by_index",
            {
                "boxes": boxes([[0, 0, 1, 1], [5, 5, 6, 6], [0, 0, 1, 1], [9, 9, 9.5, 9.5]]),
                "scores": np.array([0.5, 0.5, 0.5, 0.5]),
                "class_ids": np.array([1, 0, 0, 1]),
                "iou_threshold": 0.5,
            },
        ),
        Case(
            "iou_equal_to_threshold_kept",
            {
                "boxes": boxes([[0, 0, 4, 1], [0, 0, 2, 1]]),
                "scores": np.array([0.9, 0.8]),
                "class_ids": np.array([3, 3]),
                "iou_threshold": 0.5,
            },
        ),
        Case(
            "large_class_ids",
            {
                "boxes": boxes([[0, 0, 2, 2], [0, 0, 2, 2], [1, 1, 3, 3]]),
                "scores": np.array([0.3, 0.2, 0.1]),
                "class_ids": np.array([1000, 7, 1000]),
                "iou_threshold": 0.1,
            },
        ),
        Case(
            "rounded_scores_3_classes",
            {
                "boxes": tie_b,
                "scores": np.round(g.random(len(tie_b)), 1),
                "class_ids": tie_c,
                "iou_threshold": 0.45,
            },
        ),
        Case(
            "random_5000_boxes_20_classes",
            {
                "boxes": many_b,
                "scores": g.random(len(many_b)),
                "class_ids": many_c,
                "iou_threshold": 0.5,
            },
        ),
        Case(
            "random_5000_boxes_3_classes",
            {
                "boxes": few_b,
                "scores": g.random(len(few_b)),
                "class_ids": few_c,
                "iou_threshold": 0.6,
            },
        ),
    ]
