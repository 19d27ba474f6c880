import cv2
import numpy as np


def median_filter3(image: np.ndarray) -> np.ndarray:
    return cv2.medianBlur(np.ascontiguousarray(image, dtype=np.uint8), 3)
