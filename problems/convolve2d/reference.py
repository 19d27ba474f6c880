import numpy as np
from scipy.signal import convolve2d as scipy_convolve2d


def convolve2d(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    return scipy_convolve2d(
        np.asarray(image, dtype=np.float64), np.asarray(kernel, dtype=np.float64), mode="same"
    )
