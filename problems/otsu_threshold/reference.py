import cv2
import numpy as np


def otsu_threshold(image: np.ndarray) -> int:
    threshold, _ = cv2.threshold(
        np.ascontiguousarray(image, dtype=np.uint8), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU
    )
    return int(threshold)
