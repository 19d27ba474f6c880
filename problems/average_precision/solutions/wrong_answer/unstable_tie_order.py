# Mistake: ascending argsort reversed, so tied detections come in reverse input order.
import numpy as np


def average_precision(scores, is_true_positive, num_ground_truth):
    order = np.argsort(scores, kind="stable")[::-1]
    tp = is_true_positive[order]
    tpc, fpc = np.cumsum(tp), np.cumsum(~tp)
    recall = tpc / num_ground_truth
    precision = np.maximum.accumulate((tpc / np.maximum(tpc + fpc, 1))[::-1])[::-1]
    idx = np.searchsorted(recall, np.linspace(0, 1, 101), side="left")
    return float(np.mean([precision[i] if i < len(precision) else 0 for i in idx]))
