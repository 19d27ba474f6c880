# torchvision's trick: shift each class's boxes far apart so one plain NMS never mixes classes.
import numpy as np


def batched_nms(boxes, scores, class_ids, iou_threshold):
    if len(boxes) == 0:
        return np.zeros(0, dtype=np.int64)
    offset = (boxes.max() + 1) * class_ids.astype(np.float64)
    shifted = boxes + offset[:, None]
    order = np.lexsort((np.arange(len(scores)), -scores))
    x1, y1, x2, y2 = shifted.T
    areas = (x2 - x1) * (y2 - y1)
    keep = []
    while order.size:
        i, rest = order[0], order[1:]
        keep.append(i)
        w = np.maximum(0.0, np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]))
        h = np.maximum(0.0, np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest]))
        inter = w * h
        union = areas[i] + areas[rest] - inter
        with np.errstate(invalid="ignore", divide="ignore"):
            iou = np.where(union > 0, inter / union, 0.0)
        order = rest[iou <= iou_threshold]
    return np.array(keep, dtype=np.int64)
