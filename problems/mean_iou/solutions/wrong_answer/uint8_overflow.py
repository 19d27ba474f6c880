# Mistake: builds the confusion index target * num_classes + pred in the inputs' own dtype; with
# uint8 label maps (as read from PNG) it wraps past 255 and pixels land in the wrong cells.
# No diagnosis: the wrap happens to the confusion index inside the computation; the returned
# mIoU is a float that holds no wrapped value, so no transformation of it reproduces the answer.
import numpy as np


def mean_iou(pred, target, num_classes, ignore_index=255):
    keep = target != ignore_index
    p, t = pred[keep], target[keep]
    index = t * num_classes + p
    cm = np.bincount(index, minlength=num_classes**2)[: num_classes**2]
    cm = cm.reshape(num_classes, num_classes)
    tp = np.diag(cm).astype(np.float64)
    union = cm.sum(0) + cm.sum(1) - tp
    present = union > 0
    return float(np.mean(tp[present] / union[present]))
