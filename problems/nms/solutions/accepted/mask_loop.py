# Visits boxes in score order and tests each against the kept set with one vectorised IoU.
import numpy as np


def nms(boxes, scores, iou_threshold):
    boxes = np.asarray(boxes, dtype=np.float64)
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    kept = np.zeros((0, 4))
    kept_index = []
    for i in order:
        box = boxes[i]
        if len(kept):
            iw = np.maximum(0.0, np.minimum(kept[:, 2], box[2]) - np.maximum(kept[:, 0], box[0]))
            ih = np.maximum(0.0, np.minimum(kept[:, 3], box[3]) - np.maximum(kept[:, 1], box[1]))
            inter = iw * ih
            area_kept = (kept[:, 2] - kept[:, 0]) * (kept[:, 3] - kept[:, 1])
            union = area_kept + (box[2] - box[0]) * (box[3] - box[1]) - inter
            with np.errstate(invalid="ignore", divide="ignore"):
                iou = np.where(union > 0, inter / union, 0.0)
            if (iou > iou_threshold).any():
                continue
        kept = np.vstack([kept, box])
        kept_index.append(i)
    return np.array(kept_index, dtype=np.int64)
