import numpy as np


def voxel_downsample(points: np.ndarray, voxel_size: float) -> np.ndarray:
    points = np.asarray(points, dtype=np.float64).reshape(-1, 3)
    voxels = np.floor(points / voxel_size).astype(np.int64)
    # np.unique along rows sorts lexicographically: x first, then y, then z.
    unique, inverse, counts = np.unique(voxels, axis=0, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    sums = np.stack(
        [np.bincount(inverse, weights=points[:, axis], minlength=len(unique)) for axis in range(3)],
        axis=1,
    )
    return sums / counts[:, None]
