import numpy as np


def farthest_point_sampling(points: np.ndarray, k: int) -> np.ndarray:
    """k indices: 0 first, then repeatedly the point farthest from the chosen set (ties: lowest)."""
    raise NotImplementedError
