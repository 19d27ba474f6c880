# KL(p_t || p_s) = H(p_t, p_s) - H(p_t): F.cross_entropy takes probabilities as soft targets,
# and the teacher's entropy is a constant computed with xlogy (0 * log 0 = 0).
import torch
import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, labels, T, alpha):
    p_t = F.softmax(teacher_logits / T, dim=1)
    cross = F.cross_entropy(student_logits / T, p_t)  # mean over N of -sum p_t log p_s
    entropy = -torch.special.xlogy(p_t, p_t).sum(dim=1).mean()
    hard = F.cross_entropy(student_logits, labels)
    return alpha * T**2 * (cross - entropy) + (1 - alpha) * hard
