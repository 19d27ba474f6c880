# Mistake: exp without the max shift: overflows to inf/nan on large logits.
import numpy as np


def distillation_loss(student_logits, teacher_logits, labels, temperature, alpha):
    T = temperature
    with np.errstate(all="ignore"):
        pt = np.exp(teacher_logits / T)
        pt /= pt.sum(axis=1, keepdims=True)
        ps = np.exp(student_logits / T)
        ps /= ps.sum(axis=1, keepdims=True)
        kl = (pt * (np.log(pt) - np.log(ps))).sum(axis=1).mean()
        q = np.exp(student_logits)
        q /= q.sum(axis=1, keepdims=True)
        ce = -np.log(q[np.arange(len(labels)), labels]).mean()
    return float(alpha * T * T * kl + (1 - alpha) * ce)
