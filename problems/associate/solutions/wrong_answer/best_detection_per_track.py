# Mistake: each track takes its best detection, so two tracks can share one.
import numpy as np


def associate(tracks, detections, iou_threshold):
    if len(tracks) == 0 or len(detections) == 0:
        return []
    a, b = tracks, detections
    w = np.clip(np.minimum(a[:, None, 2], b[:, 2]) - np.maximum(a[:, None, 0], b[:, 0]), 0, None)
    h = np.clip(np.minimum(a[:, None, 3], b[:, 3]) - np.maximum(a[:, None, 1], b[:, 1]), 0, None)
    inter = w * h
    union = ((a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1]))[:, None] + (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) - inter
    iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    best = iou.argmax(axis=1)
    return [(t, int(d)) for t, d in enumerate(best) if iou[t, d] >= iou_threshold]
