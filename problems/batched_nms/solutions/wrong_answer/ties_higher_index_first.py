# Mistake: a stable ascending sort reversed, so equal scores are visited (and listed) higher
# index first.
# Diagnosis: order_differs
import numpy as np


def batched_nms(boxes, scores, class_ids, iou_threshold):
    order = np.argsort(scores, kind="stable")[::-1]
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    keep = []
    while order.size:
        best, rest = order[0], order[1:]
        keep.append(best)
        w = np.clip(np.minimum(boxes[best, 2], boxes[rest, 2]) - np.maximum(boxes[best, 0], boxes[rest, 0]), 0, None)
        h = np.clip(np.minimum(boxes[best, 3], boxes[rest, 3]) - np.maximum(boxes[best, 1], boxes[rest, 1]), 0, None)
        inter = w * h
        union = areas[best] + areas[rest] - inter
        iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        suppressed = (iou > iou_threshold) & (class_ids[rest] == class_ids[best])
        order = rest[~suppressed]
    return np.array(keep, dtype=np.int64)
