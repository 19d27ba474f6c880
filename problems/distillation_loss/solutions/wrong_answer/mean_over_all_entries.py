# Mistake: averages the KL over all N * C entries ("mean" reduction) instead of batchmean.
import numpy as np


def log_softmax(x):
    shifted = x - x.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def distillation_loss(student_logits, teacher_logits, labels, temperature, alpha):
    T = temperature
    log_pt = log_softmax(teacher_logits / T)
    log_ps = log_softmax(student_logits / T)
    kl = (np.exp(log_pt) * (log_pt - log_ps)).mean()
    ce = -log_softmax(student_logits)[np.arange(len(labels)), labels].mean()
    return float(alpha * T * T * kl + (1 - alpha) * ce)
