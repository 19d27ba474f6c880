import numpy as np

from graders.casekit import Case, rng


def case(name, logits, labels, eps, sample=False):
    return Case(
        name,
        {
            "logits": np.asarray(logits, dtype=np.float64),
            "labels": np.asarray(labels, dtype=np.int64),
            "label_smoothing": float(eps),
        },
        sample=sample,
    )


def generate():
    g = rng(7)
    return [
        case("example", [[2.0, 0.0, 0.0]], [0], 0.3, sample=True),
        case("batch_no_smoothing", g.normal(size=(4, 5)), [0, 4, 2, 2], 0.0, sample=True),
        case("full_smoothing", g.normal(size=(3, 4)), [1, 2, 3], 1.0),
        case("two_classes", g.normal(size=(6, 2)), [0, 1, 1, 0, 1, 0], 0.1),
        case("huge_logits_stable", g.normal(0, 1e4, (8, 10)), g.integers(0, 10, 8), 0.1),
        case("confident_and_wrong", [[1e4, -1e4, 0.0]], [1], 0.05),
        case("uniform_logits", np.zeros((5, 7)), [0, 1, 2, 3, 4], 0.2),
        case("imagenet_batch", g.normal(size=(8192, 1000)) * 3, g.integers(0, 1000, 8192), 0.1),
    ]
