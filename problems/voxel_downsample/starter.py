import numpy as np


def voxel_downsample(points: np.ndarray, voxel_size: float) -> np.ndarray:
    """One point per occupied voxel (the mean of its points), sorted by voxel index (x, y, z)."""
    raise NotImplementedError
