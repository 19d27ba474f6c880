import numpy as np


def connected_components(mask: np.ndarray, connectivity: int) -> tuple[int, np.ndarray]:
    """(n, labels): 0 for background, components numbered 1..n in any order."""
    raise NotImplementedError
