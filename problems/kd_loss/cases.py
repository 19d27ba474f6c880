import numpy as np

from graders.casekit import Case, rng


def kd(student, teacher, labels, T, alpha):
    return {
        "student_logits": np.asarray(student, dtype=np.float32),
        "teacher_logits": np.asarray(teacher, dtype=np.float32),
        "labels": np.asarray(labels, dtype=np.int64),
        "T": float(T),
        "alpha": float(alpha),
    }


def random_kd(generator, n, c, T, alpha, student_scale=2.0, teacher_scale=3.0):
    return kd(
        generator.normal(0, student_scale, (n, c)),
        generator.normal(0, teacher_scale, (n, c)),
        generator.integers(0, c, n),
        T,
        alpha,
    )


def confident_teacher(generator, n, c):
    """Teacher logits 400 apart: softmax(t / T) is exactly 0 off the top class at T <= 8."""
    teacher = np.zeros((n, c))
    teacher[np.arange(n), generator.integers(0, c, n)] = 400.0
    teacher[0, :] = [400.0 if i < 2 else 0.0 for i in range(c)]  # two classes share the mass
    return teacher


def generate():
    generator = rng(20260216)
    return [
        Case(
            "example",
            kd(
                [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]],
                [[3.0, 1.0, 0.2], [0.0, 3.0, 1.0]],
                [0, 2],
                2.0,
                0.5,
            ),
            sample=True,
            note="the worked example of the statement",
        ),
        Case("batch_4x5_temperature_4", random_kd(generator, 4, 5, 4.0, 0.7), sample=True),
        Case("temperature_1", random_kd(generator, 8, 10, 1.0, 0.5)),
        Case("temperature_4", random_kd(generator, 8, 10, 4.0, 0.5)),
        Case("temperature_0_5", random_kd(generator, 8, 10, 0.5, 0.5)),
        Case("temperature_8", random_kd(generator, 16, 100, 8.0, 0.9)),
        Case("alpha_0_pure_cross_entropy", random_kd(generator, 8, 10, 4.0, 0.0)),
        Case("alpha_1_pure_distillation", random_kd(generator, 8, 10, 4.0, 1.0)),
        Case("single_sample", random_kd(generator, 1, 10, 3.0, 0.6)),
        Case("two_classes", random_kd(generator, 16, 2, 2.0, 0.5)),
        Case(
            "confident_teacher_probabilities_underflow_to_0",
            kd(
                generator.normal(0, 2.0, (6, 8)),
                confident_teacher(generator, 6, 8),
                generator.integers(0, 8, 6),
                2.0,
                0.7,
            ),
        ),
        Case(
            "student_logits_x80",
            random_kd(generator, 16, 20, 2.0, 0.5, student_scale=80.0, teacher_scale=5.0),
        ),
        Case("batch_64x1000_classes", random_kd(generator, 64, 1000, 4.0, 0.9)),
    ]
