import cv2
import numpy as np


def equalize_hist(image: np.ndarray) -> np.ndarray:
    return cv2.equalizeHist(np.ascontiguousarray(image, dtype=np.uint8))
