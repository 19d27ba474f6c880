import numpy as np

from graders.casekit import Case, rng


def detector(generator, n, num_gt, quality):
    """Scores where true positives tend to score higher; quality in [0, 1]."""
    tp = generator.random(n) < min(0.9, num_gt / n * 1.2)
    tp[np.cumsum(tp) > num_gt] = False  # never more TPs than ground truths
    scores = np.clip(generator.normal(0.5 + quality * tp - quality / 2, 0.2), 0, 1)
    return scores, tp


def case(name, scores, tp, num_gt, sample=False):
    return Case(
        name,
        {
            "scores": np.asarray(scores, dtype=np.float64),
            "is_true_positive": np.asarray(tp, dtype=bool),
            "num_ground_truth": int(num_gt),
        },
        sample=sample,
    )


def generate():
    g = rng(101)
    s1, t1 = detector(g, 200, 120, 0.5)
    s2, t2 = detector(g, 5000, 3000, 0.3)
    s3, t3 = detector(g, 1_000_000, 600_000, 0.4)
    return [
        case("example", [0.9, 0.8, 0.7, 0.6], [True, False, True, False], 3, sample=True),
        case("ties_keep_input_order", [0.9, 0.9, 0.5], [False, True, True], 2, sample=True),
        case("no_detections", [], [], 5),
        case("perfect_detector", [0.9, 0.8, 0.7], [True, True, True], 3),
        case("all_false_positives", [0.9, 0.1], [False, False], 4),
        case(
            "envelope_lifts_early_precision",
            [0.9, 0.8, 0.7, 0.6, 0.5],
            [False, False, True, True, True],
            3,
        ),
        case("recall_exactly_on_a_level", [0.5] * 2 + [0.4] * 2, [True, False, True, True], 100),
        # np.linspace(0, 1, 101)[35] is 0.35000000000000003, just above 35 / 100: with 100 ground
        # truths, recall 0.35 does not reach that level, the next true positive does.
        case(
            "level_0_35_is_linspace_not_35_over_100",
            np.linspace(1, 0, 101),
            [True] * 35 + [False] * 65 + [True],
            100,
        ),
        case("tied_scores_many", np.round(s1, 1), t1, 130),
        case("random_200", s1, t1, 150),
        case("random_5000", s2, t2, 3100),
        case("one_million_detections", s3, t3, 650_000),
    ]
