# Mistake: forgets the T^2 factor on the distillation term.
import numpy as np


def log_softmax(x):
    shifted = x - x.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def distillation_loss(student_logits, teacher_logits, labels, temperature, alpha):
    log_pt = log_softmax(teacher_logits / temperature)
    log_ps = log_softmax(student_logits / temperature)
    kl = (np.exp(log_pt) * (log_pt - log_ps)).sum(axis=1).mean()
    ce = -log_softmax(student_logits)[np.arange(len(labels)), labels].mean()
    return float(alpha * kl + (1 - alpha) * ce)
