# Computes each prediction's IoU row on demand and masks used ground truths.
import numpy as np


def match_detections(pred_boxes, pred_scores, gt_boxes, iou_threshold):
    n = len(pred_boxes)
    matched = np.zeros(n, dtype=bool)
    if n == 0 or len(gt_boxes) == 0:
        return matched
    used = np.zeros(len(gt_boxes), dtype=bool)
    area_g = (gt_boxes[:, 2] - gt_boxes[:, 0]) * (gt_boxes[:, 3] - gt_boxes[:, 1])
    order = sorted(range(n), key=lambda i: (-pred_scores[i], i))
    for i in order:
        b = pred_boxes[i]
        w = np.maximum(0, np.minimum(b[2], gt_boxes[:, 2]) - np.maximum(b[0], gt_boxes[:, 0]))
        h = np.maximum(0, np.minimum(b[3], gt_boxes[:, 3]) - np.maximum(b[1], gt_boxes[:, 1]))
        inter = w * h
        union = (b[2] - b[0]) * (b[3] - b[1]) + area_g - inter
        with np.errstate(invalid="ignore", divide="ignore"):
            iou = np.where(union > 0, inter / union, 0.0)
        iou[used] = -1
        j = int(np.argmax(iou))
        if iou[j] >= iou_threshold:
            used[j] = True
            matched[i] = True
    return matched
