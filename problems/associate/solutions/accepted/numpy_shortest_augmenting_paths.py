# Kuhn-Munkres with potentials (shortest augmenting paths), the inner scan over columns done with
# numpy; pairs below the threshold are given weight 0, so they never help and are dropped.
import numpy as np


def iou_matrix(a, b):
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    w = np.clip(np.minimum(a[:, None, 2], b[:, 2]) - np.maximum(a[:, None, 0], b[:, 0]), 0, None)
    h = np.clip(np.minimum(a[:, None, 3], b[:, 3]) - np.maximum(a[:, None, 1], b[:, 1]), 0, None)
    inter = w * h
    union = area_a[:, None] + area_b - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def min_cost_rows(cost):
    """Minimum-cost assignment of every row (rows <= columns); returns the column of each row."""
    n, m = cost.shape
    u, v = np.zeros(n + 1), np.zeros(m + 1)
    row_of_col = np.zeros(m + 1, dtype=np.int64)  # 1-based row matched to each column; 0 = free
    way = np.zeros(m + 1, dtype=np.int64)
    for i in range(1, n + 1):
        row_of_col[0] = i
        j0 = 0
        minv = np.full(m + 1, np.inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = row_of_col[j0]
            reduced = cost[i0 - 1] - u[i0] - v[1:]
            free = ~used[1:]
            better = free & (reduced < minv[1:])
            minv[1:][better] = reduced[better]
            way[1:][better] = j0
            candidates = np.where(free, minv[1:], np.inf)
            j1 = int(np.argmin(candidates)) + 1
            delta = candidates[j1 - 1]
            u[row_of_col[used]] += delta
            v[used] -= delta
            minv[~used] -= delta
            j0 = j1
            if row_of_col[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            row_of_col[j0] = row_of_col[j1]
            j0 = j1
    col_of_row = np.full(n, -1, dtype=np.int64)
    matched = np.flatnonzero(row_of_col[1:]) + 1
    col_of_row[row_of_col[matched] - 1] = matched - 1
    return col_of_row


def associate(tracks, detections, iou_threshold):
    if len(tracks) == 0 or len(detections) == 0:
        return []
    iou = iou_matrix(tracks, detections)
    weight = np.where(iou >= iou_threshold, iou, 0.0)
    transposed = weight.shape[0] > weight.shape[1]
    cols = min_cost_rows(-(weight.T if transposed else weight))
    pairs = []
    for r, c in enumerate(cols.tolist()):
        t, d = (c, r) if transposed else (r, c)
        if iou[t, d] >= iou_threshold:
            pairs.append((t, d))
    return pairs
