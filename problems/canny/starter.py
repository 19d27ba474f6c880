import numpy as np


def canny(image: np.ndarray, low: float, high: float) -> np.ndarray:
    """Sobel L2 gradients, 4-direction non-maximum suppression, double threshold, hysteresis."""
    raise NotImplementedError
