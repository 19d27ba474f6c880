import numpy as np


def distillation_loss(
    student_logits: np.ndarray,
    teacher_logits: np.ndarray,
    labels: np.ndarray,
    temperature: float,
    alpha: float,
) -> float:
    """alpha * T^2 * batchmean KL(teacher_T || student_T) + (1 - alpha) * CE(student, labels)."""
    raise NotImplementedError
