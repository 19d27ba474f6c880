# Packs each voxel index into one int64 key, sorts once, and averages with reduceat.
import numpy as np


def voxel_downsample(points, voxel_size):
    if len(points) == 0:
        return np.zeros((0, 3))
    idx = np.floor(points / voxel_size).astype(np.int64)
    idx -= idx.min(axis=0)
    span = idx.max(axis=0) + 1
    key = (idx[:, 0] * span[1] + idx[:, 1]) * span[2] + idx[:, 2]
    order = np.argsort(key, kind="stable")
    key_sorted = key[order]
    starts = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]])
    sums = np.add.reduceat(points[order], starts, axis=0)
    counts = np.diff(np.r_[starts, len(points)])
    return sums / counts[:, None]
