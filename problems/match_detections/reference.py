import numpy as np


def _iou(a, b):
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    w = np.clip(
        np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0]), 0, None
    )
    h = np.clip(
        np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1]), 0, None
    )
    inter = w * h
    union = area_a[:, None] + area_b[None, :] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def match_detections(pred_boxes, pred_scores, gt_boxes, iou_threshold):
    pred_boxes = np.asarray(pred_boxes, dtype=np.float64).reshape(-1, 4)
    gt_boxes = np.asarray(gt_boxes, dtype=np.float64).reshape(-1, 4)
    matched = np.zeros(len(pred_boxes), dtype=bool)
    if len(pred_boxes) == 0 or len(gt_boxes) == 0:
        return matched
    iou = _iou(pred_boxes, gt_boxes)
    free = np.ones(len(gt_boxes), dtype=bool)
    for p in np.lexsort((np.arange(len(pred_scores)), -np.asarray(pred_scores))):
        candidates = np.where(free, iou[p], -1.0)
        g = int(np.argmax(candidates))  # argmax: the first (lowest index) of equal maxima
        if candidates[g] >= iou_threshold:
            free[g] = False
            matched[p] = True
    return matched
