# Correct, but computes every IoU in pure Python.
import numpy as np


def match_detections(pred_boxes, pred_scores, gt_boxes, iou_threshold):
    preds = pred_boxes.tolist()
    gts = gt_boxes.tolist()
    used = [False] * len(gts)
    matched = [False] * len(preds)
    for i in sorted(range(len(preds)), key=lambda k: (-pred_scores[k], k)):
        a = preds[i]
        best, best_iou = -1, -1.0
        for j, b in enumerate(gts):
            if used[j]:
                continue
            w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
            h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
            inter = w * h
            union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
            iou = inter / union if union > 0 else 0.0
            if iou > best_iou:
                best, best_iou = j, iou
        if best >= 0 and best_iou >= iou_threshold:
            used[best] = True
            matched[i] = True
    return np.array(matched, dtype=bool)
