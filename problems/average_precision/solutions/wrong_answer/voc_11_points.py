# Mistake: Pascal VOC 2007's 11 recall levels.
import numpy as np


def average_precision(scores, is_true_positive, num_ground_truth):
    order = np.argsort(-scores, kind="stable")
    tp = is_true_positive[order]
    tpc, fpc = np.cumsum(tp), np.cumsum(~tp)
    recall = tpc / num_ground_truth
    precision = tpc / np.maximum(tpc + fpc, 1)
    return float(np.mean([precision[recall >= r].max() if (recall >= r).any() else 0
                          for r in np.linspace(0, 1, 11)]))
