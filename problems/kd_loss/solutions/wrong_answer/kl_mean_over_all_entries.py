# Mistake: averages the KL terms over all N * C entries (kl_div's reduction="mean") instead of
# summing over classes and averaging over the N samples ("batchmean").
import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, labels, T, alpha):
    log_ps = F.log_softmax(student_logits / T, dim=1)
    log_pt = F.log_softmax(teacher_logits / T, dim=1)
    kl = (log_pt.exp() * (log_pt - log_ps)).mean()
    return alpha * T * T * kl + (1 - alpha) * F.cross_entropy(student_logits, labels)
