# Mistake: concatenates each class's kept boxes class by class instead of sorting by score.
# Diagnosis: order_differs
import numpy as np


def nms(boxes, scores, thr):
    order = np.lexsort((np.arange(len(scores)), -scores))
    x1, y1, x2, y2 = boxes.T
    areas = (x2 - x1) * (y2 - y1)
    keep = []
    while order.size:
        i, rest = order[0], order[1:]
        keep.append(i)
        w = np.maximum(0.0, np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]))
        h = np.maximum(0.0, np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest]))
        inter = w * h
        union = areas[i] + areas[rest] - inter
        iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        order = rest[iou <= thr]
    return np.array(keep, dtype=np.int64)


def batched_nms(boxes, scores, class_ids, iou_threshold):
    out = []
    for c in np.unique(class_ids):
        m = np.flatnonzero(class_ids == c)
        out.extend(m[nms(boxes[m], scores[m], iou_threshold)])
    return np.array(out, dtype=np.int64)
