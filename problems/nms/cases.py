import numpy as np

from graders.casekit import Case, rng


def boxes(rows):
    return np.array(rows, dtype=np.float64).reshape(-1, 4)


def clustered(generator, objects, per_object, size=4096.0):
    """Detector-like output: a few jittered proposals around each object."""
    centres = generator.uniform(50, size - 50, (objects, 2))
    extents = generator.uniform(10, 200, (objects, 2))
    rows = []
    for (cx, cy), (w, h) in zip(centres, extents, strict=True):
        jitter = generator.normal(0, 0.15, (per_object, 4)) * np.array([w, h, w, h])
        base = np.array([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
        rows.append(base + jitter)
    result = np.concatenate(rows)
    x1 = np.minimum(result[:, 0], result[:, 2])
    x2 = np.maximum(result[:, 0], result[:, 2])
    y1 = np.minimum(result[:, 1], result[:, 3])
    y2 = np.maximum(result[:, 1], result[:, 3])
    return np.clip(np.stack([x1, y1, x2, y2], axis=1), 0, size)


def generate():
    generator = rng(20251125)
    cases = [
        Case(
            "example",
            {
                "boxes": boxes([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 10, 10]]),
                "scores": np.array([0.9, 0.8, 0.7, 0.9]),
                "iou_threshold": 0.5,
            },
            sample=True,
            note="the worked example of the statement",
        ),
        Case(
            "equal_scores_lower_index_first",
            {
                "boxes": boxes([[0, 0, 4, 4], [1, 0, 5, 4], [10, 10, 12, 12]]),
                "scores": np.array([0.5, 0.5, 0.5]),
                "iou_threshold": 0.3,
            },
            sample=True,
        ),
        Case(
            "empty",
            {"boxes": boxes([]), "scores": np.zeros(0), "iou_threshold": 0.5},
        ),
        Case(
            "single_box",
            {"boxes": boxes([[3, 4, 5, 6]]), "scores": np.array([0.1]), "iou_threshold": 0.5},
        ),
        Case(
            # IoU of these two is exactly 0.5: strictly-greater means both stay.
            "iou_equal_to_threshold_is_kept",
            {
                "boxes": boxes([[0, 0, 4, 1], [0, 0, 2, 1]]),
                "scores": np.array([0.9, 0.8]),
                "iou_threshold": 0.5,
            },
        ),
        Case(
            # A suppresses B; B would have suppressed C, but only kept boxes suppress.
            "only_kept_boxes_suppress",
            {
                "boxes": boxes([[0, 0, 10, 10], [5, 0, 15, 10], [10, 0, 20, 10]]),
                "scores": np.array([0.9, 0.8, 0.7]),
                "iou_threshold": 0.3,
            },
        ),
        Case(
            "zero_area_boxes_never_overlap",
            {
                "boxes": boxes([[5, 5, 5, 5], [5, 5, 5, 5], [0, 0, 10, 0], [0, 0, 10, 10]]),
                "scores": np.array([0.9, 0.8, 0.7, 0.6]),
                "iou_threshold": 0.0,
            },
        ),
        Case(
            # Touching edges have zero intersection: not suppressed even at threshold 0.
            "touching_boxes_threshold_zero",
            {
                "boxes": boxes([[0, 0, 10, 10], [10, 0, 20, 10], [9, 9, 19, 19]]),
                "scores": np.array([0.9, 0.8, 0.7]),
                "iou_threshold": 0.0,
            },
        ),
        Case(
            # Pixel-aligned boxes: a "+1" area convention changes which boxes survive.
            "pixel_aligned_boxes_continuous_area",
            {
                "boxes": boxes([[0, 0, 3, 3], [1, 0, 4, 3], [0, 0, 1, 1], [1, 1, 2, 2]]),
                "scores": np.array([0.9, 0.8, 0.7, 0.6]),
                "iou_threshold": 0.5,
            },
        ),
        Case(
            "threshold_one_keeps_everything",
            {
                "boxes": boxes([[0, 0, 2, 2], [0, 0, 2, 2], [1, 1, 3, 3]]),
                "scores": np.array([0.2, 0.9, 0.4]),
                "iou_threshold": 1.0,
            },
        ),
    ]
    many_ties = clustered(generator, 40, 10)
    cases.append(
        Case(
            "rounded_scores_many_ties",
            {
                "boxes": many_ties,
                "scores": np.round(generator.random(len(many_ties)), 1),
                "iou_threshold": 0.5,
            },
        )
    )
    for name, objects, per_object, threshold in [
        ("random_500_boxes", 50, 10, 0.5),
        ("random_2000_boxes_low_threshold", 200, 10, 0.3),
        ("random_5000_boxes", 250, 20, 0.6),
    ]:
        proposals = clustered(generator, objects, per_object)
        cases.append(
            Case(
                name,
                {
                    "boxes": proposals,
                    "scores": generator.random(len(proposals)),
                    "iou_threshold": threshold,
                },
            )
        )
    return cases
