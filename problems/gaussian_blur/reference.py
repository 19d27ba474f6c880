import math

import cv2
import numpy as np


def gaussian_blur(image: np.ndarray, sigma: float) -> np.ndarray:
    size = 2 * math.ceil(3 * sigma) + 1
    return cv2.GaussianBlur(
        np.ascontiguousarray(image, dtype=np.float32),
        (size, size),
        sigma,
        sigma,
        borderType=cv2.BORDER_REFLECT_101,
    )
