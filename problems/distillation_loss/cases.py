import numpy as np

from graders.casekit import Case, rng


def case(name, student, teacher, labels, temperature, alpha, sample=False):
    return Case(
        name,
        {
            "student_logits": np.asarray(student, dtype=np.float64),
            "teacher_logits": np.asarray(teacher, dtype=np.float64),
            "labels": np.asarray(labels, dtype=np.int64),
            "temperature": float(temperature),
            "alpha": float(alpha),
        },
        sample=sample,
    )


def generate():
    g = rng(42)
    n, c = 64, 10
    return [
        case("example", [[2.0, 1.0, 0.1]], [[3.0, 1.0, 0.2]], [0], 2.0, 0.5, sample=True),
        case(
            "batch_of_three",
            g.normal(size=(3, 4)),
            g.normal(size=(3, 4)),
            [1, 0, 3],
            4.0,
            0.7,
            sample=True,
        ),
        case(
            "alpha_zero_is_cross_entropy",
            g.normal(size=(5, 6)),
            g.normal(size=(5, 6)),
            [0, 1, 2, 3, 4],
            3.0,
            0.0,
        ),
        case(
            "alpha_one_is_scaled_kl",
            g.normal(size=(5, 6)),
            g.normal(size=(5, 6)),
            [0, 1, 2, 3, 4],
            3.0,
            1.0,
        ),
        case("identical_logits_kl_zero", np.ones((4, 3)), np.ones((4, 3)), [0, 1, 2, 0], 2.0, 0.9),
        case(
            "temperature_one",
            g.normal(size=(8, 5)),
            g.normal(size=(8, 5)),
            g.integers(0, 5, 8),
            1.0,
            0.5,
        ),
        case(
            "huge_logits_stable",
            g.normal(0, 1e4, (16, 7)),
            g.normal(0, 1e4, (16, 7)),
            g.integers(0, 7, 16),
            2.0,
            0.5,
        ),
        case(
            "confident_teacher_underflows",
            np.zeros((2, 3)),
            [[1e4, 0, 0], [0, -1e4, 1e4]],
            [0, 2],
            1.0,
            0.8,
        ),
        case(
            "many_samples_few_classes",
            g.normal(size=(n, c)) * 3,
            g.normal(size=(n, c)) * 3,
            g.integers(0, c, n),
            5.0,
            0.3,
        ),
        case(
            "imagenet_sized",
            g.normal(size=(4096, 1000)),
            g.normal(size=(4096, 1000)) * 2,
            g.integers(0, 1000, 4096),
            4.0,
            0.9,
        ),
    ]
