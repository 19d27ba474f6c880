# Mistake: recall levels as i / 100 instead of np.linspace(0, 1, 101); ten of them differ in the
# last bit, which decides whether a recall landing exactly on a level reaches it.
import numpy as np


def average_precision(scores, is_true_positive, num_ground_truth):
    scores = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-scores, kind="stable")
    tp = np.asarray(is_true_positive, dtype=bool)[order]
    tp_cum = np.cumsum(tp, dtype=np.float64)
    fp_cum = np.cumsum(~tp, dtype=np.float64)
    recall = tp_cum / num_ground_truth
    precision = tp_cum / np.maximum(tp_cum + fp_cum, np.finfo(np.float64).eps)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    levels = np.arange(101) / 100
    positions = np.searchsorted(recall, levels, side="left")
    sampled = np.zeros(101)
    reached = positions < len(recall)
    sampled[reached] = envelope[positions[reached]]
    return float(sampled.mean())
