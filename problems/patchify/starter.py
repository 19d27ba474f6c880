import numpy as np


def patchify(images: np.ndarray, patch: int) -> np.ndarray:
    """(N, H, W, C) -> (N, (H/p)*(W/p), p*p*C): row-major patches, each in (row, col, ch) order."""
    raise NotImplementedError
