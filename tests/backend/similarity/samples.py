"""Hand-in code for the similarity tests: one original, a disguised copy of it, and an
independent solution of the same task."""

STARTER = '''import numpy as np


def nms(boxes, scores, iou_threshold):
    """Return the indices of the kept boxes, highest score first."""
    raise NotImplementedError
'''

ORIGINAL = '''import numpy as np


def nms(boxes, scores, iou_threshold):
    """Return the indices of the kept boxes, highest score first."""
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
            iou = np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)
            if (iou > iou_threshold).any():
                continue
        kept = np.vstack([kept, box])
        kept_index.append(i)
    return np.array(kept_index, dtype=np.int64)
'''

# The original with every name changed, comments added and blank lines moved: still a copy.
DISGUISED_COPY = '''import numpy as np


def nms(boxes, scores, iou_threshold):
    """Return the indices of the kept boxes, highest score first."""
    # my own implementation
    b = np.asarray(boxes, dtype=np.float64)
    ranking = sorted(range(len(scores)), key=lambda j: (-scores[j], j))
    chosen = np.zeros((0, 4))
    result = []
    for j in ranking:
        c = b[j]

        if len(chosen):
            w = np.maximum(0.0, np.minimum(chosen[:, 2], c[2]) - np.maximum(chosen[:, 0], c[0]))
            h = np.maximum(0.0, np.minimum(chosen[:, 3], c[3]) - np.maximum(chosen[:, 1], c[1]))
            overlap = w * h
            area = (chosen[:, 2] - chosen[:, 0]) * (chosen[:, 3] - chosen[:, 1])
            total = area + (c[2] - c[0]) * (c[3] - c[1]) - overlap  # union
            ratio = np.where(total > 0, overlap / np.maximum(total, 1e-12), 0.0)
            if (ratio > iou_threshold).any():
                continue
        chosen = np.vstack([chosen, c])
        result.append(j)
    return np.array(result, dtype=np.int64)
'''

INDEPENDENT = '''import numpy as np


def nms(boxes, scores, iou_threshold):
    """Return the indices of the kept boxes, highest score first."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    scores = np.asarray(scores, dtype=np.float64)
    if boxes.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    x1, y1, x2, y2 = boxes.T
    areas = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    order = np.lexsort((np.arange(len(scores)), -scores))
    suppressed = np.zeros(len(scores), dtype=bool)
    keep = []
    for position, index in enumerate(order):
        if suppressed[index]:
            continue
        keep.append(index)
        rest = order[position + 1:]
        xx1 = np.maximum(x1[index], x1[rest])
        yy1 = np.maximum(y1[index], y1[rest])
        xx2 = np.minimum(x2[index], x2[rest])
        yy2 = np.minimum(y2[index], y2[rest])
        inter = np.clip(xx2 - xx1, 0, None) * np.clip(yy2 - yy1, 0, None)
        union = areas[index] + areas[rest] - inter
        overlap = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        suppressed[rest[overlap > iou_threshold]] = True
    return np.asarray(keep, dtype=np.int64)
'''
