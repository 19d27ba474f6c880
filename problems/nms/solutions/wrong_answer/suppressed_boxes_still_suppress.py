# Mistake: removes every box that overlaps ANY higher-scored box, kept or not.
import numpy as np


def nms(boxes, scores, iou_threshold):
    order = np.lexsort((np.arange(len(scores)), -scores))
    b = boxes[order]
    x1, y1, x2, y2 = b.T
    areas = (x2 - x1) * (y2 - y1)
    w = np.clip(np.minimum(x2[:, None], x2) - np.maximum(x1[:, None], x1), 0, None)
    h = np.clip(np.minimum(y2[:, None], y2) - np.maximum(y1[:, None], y1), 0, None)
    inter = w * h
    union = areas[:, None] + areas - inter
    iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    earlier = np.triu(iou > iou_threshold, k=1)
    suppressed = earlier.any(axis=0)
    return order[~suppressed].astype(np.int64)
