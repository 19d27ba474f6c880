# Mistake: each prediction looks only at its single best ground truth; when that one is already
# taken the prediction gives up instead of taking the best FREE ground truth above threshold.
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
    used = np.zeros(m, dtype=bool)
    for d in np.lexsort((np.arange(n), -pred_scores)):
        g = int(np.argmax(ious[d]))
        if ious[d, g] >= iou_threshold and not used[g]:
            used[g] = True
            matched[d] = True
    return matched
