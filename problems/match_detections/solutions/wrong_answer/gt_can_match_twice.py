# Mistake: never marks a ground truth as used, so duplicates all become true positives.
import numpy as np


def match_detections(pred_boxes, pred_scores, gt_boxes, iou_threshold):
    n = len(pred_boxes)
    if n == 0 or len(gt_boxes) == 0:
        return np.zeros(n, dtype=bool)
    a, b = pred_boxes, gt_boxes
    w = np.clip(np.minimum(a[:, None, 2], b[:, 2]) - np.maximum(a[:, None, 0], b[:, 0]), 0, None)
    h = np.clip(np.minimum(a[:, None, 3], b[:, 3]) - np.maximum(a[:, None, 1], b[:, 1]), 0, None)
    inter = w * h
    union = ((a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1]))[:, None] + (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) - inter
    iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    return iou.max(axis=1) >= iou_threshold
