# Mistake: forgets the T^2 factor on the soft term (its gradients then shrink as 1/T^2).
import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, labels, T, alpha):
    soft = F.kl_div(
        F.log_softmax(student_logits / T, dim=1),
        F.softmax(teacher_logits / T, dim=1),
        reduction="batchmean",
    )
    return alpha * soft + (1 - alpha) * F.cross_entropy(student_logits, labels)
