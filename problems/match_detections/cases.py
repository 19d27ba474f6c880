import numpy as np

from graders.casekit import Case, rng


def boxes(rows):
    return np.array(rows, dtype=np.float64).reshape(-1, 4)


def scene(generator, num_gt, preds_per_gt, false_positives, size=2000.0):
    corner = generator.uniform(0, size - 120, (num_gt, 2))
    extent = generator.uniform(15, 120, (num_gt, 2))
    gt = np.concatenate([corner, corner + extent], axis=1)
    noise = (
        generator.normal(0, 0.15, (num_gt, preds_per_gt, 4))
        * np.concatenate([extent, extent], 1)[:, None, :]
    )
    preds = (gt[:, None, :] + noise).reshape(-1, 4)
    fp_corner = generator.uniform(0, size - 120, (false_positives, 2))
    fp = np.concatenate(
        [fp_corner, fp_corner + generator.uniform(15, 120, (false_positives, 2))], axis=1
    )
    preds = np.concatenate([preds, fp])
    preds = np.stack(
        [
            np.minimum(preds[:, 0], preds[:, 2]),
            np.minimum(preds[:, 1], preds[:, 3]),
            np.maximum(preds[:, 0], preds[:, 2]),
            np.maximum(preds[:, 1], preds[:, 3]),
        ],
        axis=1,
    )
    return preds, generator.random(len(preds)), gt


def case(name, pred, scores, gt, thr, sample=False):
    return Case(
        name,
        {
            "pred_boxes": boxes(pred),
            "pred_scores": np.asarray(scores, dtype=np.float64),
            "gt_boxes": boxes(gt),
            "iou_threshold": float(thr),
        },
        sample=sample,
    )


def generate():
    g = rng(75)
    p1, s1, g1 = scene(g, 20, 3, 10)
    p2, s2, g2 = scene(g, 1000, 2, 1000)
    return [
        case(
            "example",
            [[0, 0, 10, 10], [1, 0, 11, 10], [20, 0, 29, 10]],
            [0.5, 0.9, 0.7],
            [[0, 0, 10, 10], [20, 0, 30, 10]],
            0.5,
            sample=True,
        ),
        case("small_scene", p1, np.round(s1, 2), g1, 0.5, sample=True),
        case("no_ground_truth", [[0, 0, 1, 1]], [0.3], [], 0.5),
        case("no_predictions", [], [], [[0, 0, 1, 1]], 0.5),
        case("iou_equal_to_threshold_matches", [[0, 0, 2, 1]], [0.9], [[0, 0, 4, 1]], 0.5),
        case(
            "equal_iou_lower_gt_index_wins",
            [[5, 0, 15, 10], [5, 0, 15, 10]],
            [0.9, 0.8],
            [[0, 0, 10, 10], [10, 0, 20, 10]],
            0.3,
        ),
        # Prediction 0 ties between gt 0 and gt 1; taking gt 0 leaves prediction 1 unmatched.
        case(
            "equal_iou_tie_decides_a_later_match",
            [[5, 0, 15, 10], [0, 0, 10, 10]],
            [0.9, 0.8],
            [[0, 0, 10, 10], [10, 0, 20, 10]],
            0.3,
        ),
        case(
            "equal_scores_lower_pred_index_first",
            [[1, 0, 11, 10], [0, 0, 10, 10]],
            [0.6, 0.6],
            [[0, 0, 10, 10]],
            0.5,
        ),
        case(
            "best_gt_taken_falls_back_to_second",
            [[0, 0, 10, 10], [2, 0, 12, 10]],
            [0.9, 0.8],
            [[1, 0, 11, 10], [3, 0, 13, 10]],
            0.5,
        ),
        case(
            "duplicates_become_false_positives",
            [[0, 0, 10, 10]] * 3,
            [0.9, 0.8, 0.7],
            [[0, 0, 10, 10]],
            0.5,
        ),
        case("coco_threshold_0_95", p1, s1, g1, 0.95),
        case("crowded_3000_predictions", p2, s2, g2, 0.5),
    ]
