# Mistake: softmax without the max shift overflows on large logits.
import numpy as np


def softmax_cross_entropy(logits, labels, label_smoothing):
    n, c = logits.shape
    with np.errstate(all="ignore"):
        p = np.exp(logits)
        p = p / p.sum(axis=1, keepdims=True)
        log_p = np.log(p)
    target = np.full((n, c), label_smoothing / c)
    target[np.arange(n), labels] += 1 - label_smoothing
    return float(-(target * log_p).sum(axis=1).mean())
