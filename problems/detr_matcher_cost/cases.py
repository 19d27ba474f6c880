import numpy as np

from graders.casekit import Case, rng

DETR_WEIGHTS = (1.0, 5.0, 2.0)  # cost_class, cost_bbox, cost_giou


def matcher_args(logits, pred_boxes, labels, tgt_boxes, weights=DETR_WEIGHTS):
    cost_class, cost_bbox, cost_giou = weights
    return {
        "pred_logits": np.asarray(logits, dtype=np.float32),
        "pred_boxes": np.asarray(pred_boxes, dtype=np.float32).reshape(-1, 4),
        "tgt_labels": np.asarray(labels, dtype=np.int64),
        "tgt_boxes": np.asarray(tgt_boxes, dtype=np.float32).reshape(-1, 4),
        "cost_class": float(cost_class),
        "cost_bbox": float(cost_bbox),
        "cost_giou": float(cost_giou),
    }


def boxes(g, n, wh_high=0.6):
    """(cx, cy, w, h): centres in the image, sizes in [0.01, wh_high]."""
    centres = g.uniform(0.05, 0.95, (n, 2))
    sizes = g.uniform(0.01, wh_high, (n, 2))
    return np.concatenate([centres, sizes], axis=1)


def random_args(g, q, k, t, weights=DETR_WEIGHTS, logit_scale=2.0, wh_high=0.6):
    return matcher_args(
        g.normal(0.0, logit_scale, (q, k + 1)),
        boxes(g, q, wh_high),
        g.integers(0, k, t),
        boxes(g, t, wh_high),
        weights,
    )


def generate():
    g = rng(20261203)
    example = matcher_args(
        [[2.0, 0.0, 1.0], [0.0, 3.0, 0.0]],
        [[0.5, 0.5, 0.2, 0.2], [0.3, 0.6, 0.4, 0.2]],
        [1, 0],
        [[0.5, 0.5, 0.2, 0.2], [0.4, 0.5, 0.2, 0.4]],
    )

    identical = random_args(g, 6, 5, 4)
    identical["pred_boxes"][2] = identical["tgt_boxes"][1]
    identical["pred_boxes"][4] = identical["tgt_boxes"][3]

    duplicates = random_args(g, 8, 6, 7)
    duplicates["tgt_labels"] = np.array([3, 3, 3, 0, 0, 5, 3], dtype=np.int64)

    # Centres on the image border with sizes up to 1: corners at -0.5 and 1.5, nothing clipped.
    edge = random_args(g, 7, 4, 6, wh_high=1.0)
    edge["pred_boxes"][:, :2] = g.choice([0.0, 0.02, 0.98, 1.0], (7, 2))
    edge["tgt_boxes"][:, :2] = g.choice([0.0, 0.03, 0.97, 1.0], (6, 2))

    large_logits = random_args(g, 20, 10, 8)
    large_logits["pred_logits"] = g.uniform(-3.3, 3.3, (20, 11)).astype(np.float32) * 60

    return [
        Case("example", example, sample=True, note="the worked example of the statement"),
        Case("ten_queries_four_targets", random_args(g, 10, 4, 4), sample=True),
        Case("two_columns_class_only", random_args(g, 9, 1, 5, weights=(1.0, 0.0, 0.0))),
        Case("two_columns_detr_weights", random_args(g, 9, 1, 5)),
        Case("class_cost_only", random_args(g, 12, 6, 8, weights=(1.0, 0.0, 0.0))),
        Case("bbox_cost_only", random_args(g, 12, 6, 8, weights=(0.0, 1.0, 0.0))),
        Case("giou_cost_only", random_args(g, 12, 6, 8, weights=(0.0, 0.0, 1.0))),
        Case("no_targets", random_args(g, 5, 3, 0)),
        Case("single_query", random_args(g, 1, 5, 6)),
        Case("more_targets_than_queries", random_args(g, 4, 7, 15)),
        Case("duplicate_target_labels", duplicates),
        Case("prediction_identical_to_a_target", identical),
        Case("boxes_past_the_image_edge", edge),
        Case("logits_up_to_200", large_logits),
        Case("unequal_weights", random_args(g, 15, 8, 9, weights=(2.0, 0.5, 3.5))),
        Case("detr_100_queries_91_classes", random_args(g, 100, 91, 30)),
        Case("300_queries_100_targets", random_args(g, 300, 91, 100)),
    ]
