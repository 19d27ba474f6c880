# Correct, but groups points in a Python dictionary, one point at a time.
import math

import numpy as np


def voxel_downsample(points, voxel_size):
    groups = {}
    for x, y, z in points.tolist():
        key = (math.floor(x / voxel_size), math.floor(y / voxel_size), math.floor(z / voxel_size))
        groups.setdefault(key, []).append((x, y, z))
    rows = []
    for key in sorted(groups):
        members = groups[key]
        n = len(members)
        rows.append([sum(p[0] for p in members) / n, sum(p[1] for p in members) / n,
                     sum(p[2] for p in members) / n])
    return np.array(rows, dtype=np.float64).reshape(-1, 3)
