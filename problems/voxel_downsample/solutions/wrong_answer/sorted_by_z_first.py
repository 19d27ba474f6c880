# Mistake: np.lexsort's LAST key is the primary one, so this sorts by z, then y, then x.
# Diagnosis: order_differs
import numpy as np


def voxel_downsample(points, voxel_size):
    voxels = np.floor(points / voxel_size).astype(np.int64).reshape(-1, 3)
    order = np.lexsort((voxels[:, 0], voxels[:, 1], voxels[:, 2]))
    v = voxels[order]
    p = points[order]
    starts = np.flatnonzero(np.r_[True, (v[1:] != v[:-1]).any(axis=1)]) if len(v) else np.zeros(0, int)
    if len(v) == 0:
        return np.zeros((0, 3))
    sums = np.add.reduceat(p, starts, axis=0)
    counts = np.diff(np.r_[starts, len(p)])
    return sums / counts[:, None]
