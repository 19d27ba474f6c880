# Mistake: averages over all num_classes, counting absent classes as IoU 0.
import numpy as np


def mean_iou(pred, target, num_classes, ignore_index=255):
    keep = target != ignore_index
    p, t = pred[keep], target[keep]
    cm = np.bincount(t * num_classes + p, minlength=num_classes**2).reshape(num_classes, num_classes)
    tp = np.diag(cm)
    union = cm.sum(0) + cm.sum(1) - tp
    return float(np.mean(np.where(union > 0, tp / np.maximum(union, 1), 0.0)))
