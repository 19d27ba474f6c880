# Mistake: KL(student || teacher): the student's probabilities weight the log ratio.
import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, labels, T, alpha):
    soft = F.kl_div(
        F.log_softmax(teacher_logits / T, dim=1),
        F.log_softmax(student_logits / T, dim=1),
        reduction="batchmean",
        log_target=True,
    )
    return alpha * T * T * soft + (1 - alpha) * F.cross_entropy(student_logits, labels)
