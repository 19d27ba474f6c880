# One greedy pass over all boxes in global score order; a kept box suppresses only boxes of its
# own class (the class test is part of the suppression mask).
import numpy as np


def batched_nms(boxes, scores, class_ids, iou_threshold):
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    order = np.lexsort((np.arange(len(scores)), -np.asarray(scores)))
    labels = np.asarray(class_ids)
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    keep = []
    while order.size:
        best, rest = order[0], order[1:]
        keep.append(best)
        same = labels[rest] == labels[best]
        candidates = rest[same]
        lt = np.maximum(boxes[candidates, :2], boxes[best, :2])
        rb = np.minimum(boxes[candidates, 2:], boxes[best, 2:])
        wh = np.maximum(rb - lt, 0.0)
        inter = wh[:, 0] * wh[:, 1]
        union = areas[candidates] + areas[best] - inter
        with np.errstate(invalid="ignore", divide="ignore"):
            iou = np.where(union > 0, inter / union, 0.0)
        suppressed = np.zeros(rest.size, dtype=bool)
        suppressed[np.flatnonzero(same)] = iou > iou_threshold
        order = rest[~suppressed]
    return np.array(keep, dtype=np.int64)
