import cv2
import numpy as np


def box_filter_sum(image: np.ndarray, k: int) -> np.ndarray:
    if k % 2 == 0:
        raise ValueError("k must be odd")
    return cv2.boxFilter(
        np.ascontiguousarray(image, dtype=np.float64),
        cv2.CV_64F,
        (k, k),
        normalize=False,
        borderType=cv2.BORDER_CONSTANT,
    )
