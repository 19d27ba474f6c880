# Mistake: np.round instead of np.floor, shifting the grid by half a voxel.
import numpy as np


def voxel_downsample(points, voxel_size):
    voxels = np.round(points / voxel_size).astype(np.int64).reshape(-1, 3)
    unique, inverse, counts = np.unique(voxels, axis=0, return_inverse=True, return_counts=True)
    sums = np.zeros((len(unique), 3))
    np.add.at(sums, inverse.ravel(), points)
    return sums / counts[:, None]
