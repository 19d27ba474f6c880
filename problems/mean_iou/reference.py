import numpy as np


def mean_iou(pred, target, num_classes, ignore_index=255):
    pred = np.asarray(pred).ravel().astype(np.int64)
    target = np.asarray(target).ravel().astype(np.int64)
    keep = target != ignore_index
    pred, target = pred[keep], target[keep]
    confusion = np.bincount(target * num_classes + pred, minlength=num_classes**2).reshape(
        num_classes, num_classes
    )
    tp = np.diag(confusion).astype(np.float64)
    union = confusion.sum(axis=0) + confusion.sum(axis=1) - tp
    present = union > 0
    return float(np.mean(tp[present] / union[present]))
