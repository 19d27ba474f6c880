# Mistake: what pycocotools' loop does (`if iou < best: continue`): a later ground truth of EQUAL
# IoU replaces the current best, so ties go to the higher index (the contract says lower).
import numpy as np


def match_detections(pred_boxes, pred_scores, gt_boxes, iou_threshold):
    n, m = len(pred_boxes), len(gt_boxes)
    matched = np.zeros(n, dtype=bool)
    if n == 0 or m == 0:
        return matched
    a, b = pred_boxes, gt_boxes
    w = np.clip(np.minimum(a[:, None, 2], b[:, 2]) - np.maximum(a[:, None, 0], b[:, 0]), 0, None)
    h = np.clip(np.minimum(a[:, None, 3], b[:, 3]) - np.maximum(a[:, None, 1], b[:, 1]), 0, None)
    inter = w * h
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b - inter
    ious = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    free = np.ones(m, dtype=bool)
    for d in np.lexsort((np.arange(n), -pred_scores)):
        candidates = np.where(free, ious[d], -1.0)
        g = m - 1 - int(np.argmax(candidates[::-1]))  # the LAST of equal maxima
        if candidates[g] >= iou_threshold:
            free[g] = False
            matched[d] = True
    return matched
