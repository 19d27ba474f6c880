import numpy as np
from scipy.special import log_softmax


def softmax_cross_entropy(logits, labels, label_smoothing):
    log_p = log_softmax(np.asarray(logits, dtype=np.float64), axis=1)
    n, c = log_p.shape
    true_class = -log_p[np.arange(n), np.asarray(labels)]
    uniform = -log_p.mean(axis=1)
    return float(np.mean((1 - label_smoothing) * true_class + label_smoothing * uniform))
