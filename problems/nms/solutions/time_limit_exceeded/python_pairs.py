# Correct, but compares boxes pair by pair in pure Python: too slow for 5000 boxes.
def iou(a, b):
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def nms(boxes, scores, iou_threshold):
    import numpy as np

    rows = boxes.tolist()
    order = sorted(range(len(rows)), key=lambda i: (-scores[i], i))
    suppressed = [False] * len(rows)
    keep = []
    for position, i in enumerate(order):
        if suppressed[i]:
            continue
        keep.append(i)
        for j in order[position + 1 :]:
            if not suppressed[j] and iou(rows[i], rows[j]) > iou_threshold:
                suppressed[j] = True
    return np.array(keep, dtype=np.int64)
