# Correct, but compares pairs of boxes in pure Python.
import numpy as np


def batched_nms(boxes, scores, class_ids, iou_threshold):
    rows = boxes.tolist()
    cls = class_ids.tolist()
    order = sorted(range(len(rows)), key=lambda i: (-scores[i], i))
    removed = [False] * len(rows)
    keep = []
    for p, i in enumerate(order):
        if removed[i]:
            continue
        keep.append(i)
        a = rows[i]
        for j in order[p + 1 :]:
            if removed[j] or cls[j] != cls[i]:
                continue
            b = rows[j]
            w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
            h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
            inter = w * h
            union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
            if union > 0 and inter / union > iou_threshold:
                removed[j] = True
    return np.array(keep, dtype=np.int64)
