import numpy as np
from scipy.special import log_softmax


def distillation_loss(student_logits, teacher_logits, labels, temperature, alpha):
    s = np.asarray(student_logits, dtype=np.float64)
    t = np.asarray(teacher_logits, dtype=np.float64)
    log_p_teacher = log_softmax(t / temperature, axis=1)
    log_p_student = log_softmax(s / temperature, axis=1)
    p_teacher = np.exp(log_p_teacher)
    kl = np.sum(np.where(p_teacher > 0, p_teacher * (log_p_teacher - log_p_student), 0.0), axis=1)
    cross_entropy = -log_softmax(s, axis=1)[np.arange(len(labels)), labels]
    return float(alpha * temperature**2 * kl.mean() + (1 - alpha) * cross_entropy.mean())
