# Mistake: log(softmax(t / T)) for the teacher's log-probabilities: a probability that underflows
# to 0 gives log 0 = -inf and 0 * -inf = NaN.
import torch
import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, labels, T, alpha):
    p_t = F.softmax(teacher_logits / T, dim=1)
    log_ps = F.log_softmax(student_logits / T, dim=1)
    kl = (p_t * (torch.log(p_t) - log_ps)).sum() / student_logits.shape[0]
    return alpha * T * T * kl + (1 - alpha) * F.cross_entropy(student_logits, labels)
