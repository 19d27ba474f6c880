# Mistake: keeps the provisional labels of the first pass (no union-find resolution).
import numpy as np


def connected_components(mask, connectivity):
    h, w = mask.shape
    label = np.zeros((h, w), np.int32)
    n = 0
    offsets = [(-1, 0), (0, -1)] + ([(-1, -1), (-1, 1)] if connectivity == 8 else [])
    for y in range(h):
        for x in range(w):
            if not mask[y, x]:
                continue
            ns = [label[y + dy, x + dx] for dy, dx in offsets
                  if y + dy >= 0 and 0 <= x + dx < w and label[y + dy, x + dx]]
            if ns:
                label[y, x] = min(ns)
            else:
                n += 1
                label[y, x] = n
    return n, label
