# The loss rewritten as log Z - (1 - eps) x_y - eps mean(x), with log Z from np.logaddexp.reduce.
import numpy as np


def softmax_cross_entropy(logits, labels, label_smoothing):
    log_norm = np.logaddexp.reduce(logits, axis=1)
    true_logit = np.take_along_axis(logits, labels[:, None], axis=1)[:, 0]
    per_sample = log_norm - (1 - label_smoothing) * true_logit - label_smoothing * logits.mean(axis=1)
    return float(per_sample.mean())
