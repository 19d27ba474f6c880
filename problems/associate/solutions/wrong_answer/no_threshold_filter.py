# Mistake: keeps every pair of the assignment, including those below the threshold.
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
    pairs, used_t, used_d = [], set(), set()
    for flat in np.argsort(-iou, axis=None, kind="stable"):
        t, d = divmod(int(flat), iou.shape[1])
        if t not in used_t and d not in used_d:
            pairs.append((t, d))
            used_t.add(t)
            used_d.add(d)
    return pairs
