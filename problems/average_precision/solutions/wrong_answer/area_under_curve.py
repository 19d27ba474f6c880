# Mistake: the area under the step precision-recall curve (all-point AP), not 101 samples.
import numpy as np


def average_precision(scores, is_true_positive, num_ground_truth):
    if len(scores) == 0:
        return 0.0
    order = np.argsort(-scores, kind="stable")
    tp = is_true_positive[order]
    tpc, fpc = np.cumsum(tp), np.cumsum(~tp)
    recall = np.concatenate([[0], tpc / num_ground_truth])
    precision = np.concatenate([[1], tpc / np.maximum(tpc + fpc, 1)])
    precision = np.maximum.accumulate(precision[::-1])[::-1]
    return float(np.sum(np.diff(recall) * precision[1:]))
