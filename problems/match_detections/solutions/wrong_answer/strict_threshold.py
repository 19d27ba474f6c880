# Mistake: requires IoU strictly greater than the threshold.
import numpy as np


def match_detections(pred_boxes, pred_scores, gt_boxes, iou_threshold):
    n = len(pred_boxes)
    matched = np.zeros(n, dtype=bool)
    if n == 0 or len(gt_boxes) == 0:
        return matched
    a, b = pred_boxes, gt_boxes
    w = np.clip(np.minimum(a[:, None, 2], b[:, 2]) - np.maximum(a[:, None, 0], b[:, 0]), 0, None)
    h = np.clip(np.minimum(a[:, None, 3], b[:, 3]) - np.maximum(a[:, None, 1], b[:, 1]), 0, None)
    inter = w * h
    union = ((a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1]))[:, None] + (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) - inter
    iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    free = np.ones(len(b), bool)
    for p in np.lexsort((np.arange(n), -pred_scores)):
        c = np.where(free, iou[p], -1)
        g = int(np.argmax(c))
        if c[g] > iou_threshold:
            free[g] = False
            matched[p] = True
    return matched
