import numpy as np


def _nms(boxes, scores, iou_threshold):
    order = np.lexsort((np.arange(len(scores)), -scores))
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


def batched_nms(boxes, scores, class_ids, iou_threshold):
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    scores = np.asarray(scores, dtype=np.float64)
    class_ids = np.asarray(class_ids)
    kept = []
    for cls in np.unique(class_ids):
        members = np.flatnonzero(class_ids == cls)
        kept.append(members[_nms(boxes[members], scores[members], iou_threshold)])
    if not kept:
        return np.zeros(0, dtype=np.int64)
    kept = np.concatenate(kept)
    return kept[np.lexsort((kept, -scores[kept]))].astype(np.int64)
