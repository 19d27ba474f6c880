# Mistake: argsort ascending then reversed, so equal scores visit the HIGHER index first.
# No diagnosis: where tied boxes overlap another box is kept, so no reordering of the output
# reproduces the expected one (the mistake is in the visiting order, not in the output's order).
import numpy as np


def nms(boxes, scores, iou_threshold):
    order = np.argsort(scores, kind="stable")[::-1]
    x1, y1, x2, y2 = boxes.T
    areas = (x2 - x1) * (y2 - y1)
    keep = []
    while order.size:
        best, rest = order[0], order[1:]
        keep.append(best)
        w = np.clip(np.minimum(x2[best], x2[rest]) - np.maximum(x1[best], x1[rest]), 0, None)
        h = np.clip(np.minimum(y2[best], y2[rest]) - np.maximum(y1[best], y1[rest]), 0, None)
        inter = w * h
        union = areas[best] + areas[rest] - inter
        iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        order = rest[iou <= iou_threshold]
    return np.array(keep, dtype=np.int64)
