# Mistake: computes the hard-label cross-entropy on the softened student logits.
import numpy as np


def log_softmax(x):
    shifted = x - x.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def distillation_loss(student_logits, teacher_logits, labels, temperature, alpha):
    T = temperature
    log_pt = log_softmax(teacher_logits / T)
    log_ps = log_softmax(student_logits / T)
    kl = (np.exp(log_pt) * (log_pt - log_ps)).sum(axis=1).mean()
    ce = -log_ps[np.arange(len(labels)), labels].mean()
    return float(alpha * T * T * kl + (1 - alpha) * ce)
