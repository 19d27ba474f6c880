# Mistake: frequency-weighted IoU (weights classes by their pixel count).
import numpy as np


def mean_iou(pred, target, num_classes, ignore_index=255):
    keep = target != ignore_index
    p, t = pred[keep], target[keep]
    cm = np.bincount(t * num_classes + p, minlength=num_classes**2).reshape(num_classes, num_classes)
    tp = np.diag(cm)
    union = cm.sum(0) + cm.sum(1) - tp
    freq = cm.sum(1) / cm.sum()
    present = union > 0
    return float(np.sum(freq[present] * tp[present] / union[present]))
