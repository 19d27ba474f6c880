import numpy as np


def project_points(points: np.ndarray, K: np.ndarray, R: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Pinhole projection of R p + t with intrinsics K; rows with z <= 0 are [nan, nan]."""
    raise NotImplementedError
