# Mistake: drops pixels where PRED is ignore_index (never) instead of where target is, and
# treats target 255 as a class outside the matrix (its predictions become false positives).
import numpy as np


def mean_iou(pred, target, num_classes, ignore_index=255):
    p, t = pred.ravel(), target.ravel()
    ious = []
    for c in range(num_classes):
        inter = np.sum((p == c) & (t == c))
        union = np.sum((p == c) | (t == c))
        if union:
            ious.append(inter / union)
    return float(np.mean(ious))
