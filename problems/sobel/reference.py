import cv2
import numpy as np


def sobel(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    image = np.ascontiguousarray(image, dtype=np.float64)
    gx = cv2.Sobel(image, cv2.CV_64F, 1, 0, ksize=3, borderType=cv2.BORDER_REFLECT_101)
    gy = cv2.Sobel(image, cv2.CV_64F, 0, 1, ksize=3, borderType=cv2.BORDER_REFLECT_101)
    return gx, gy
