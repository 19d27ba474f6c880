import cv2
import numpy as np


def canny(image, low, high):
    return cv2.Canny(np.ascontiguousarray(image, dtype=np.uint8), low, high, L2gradient=True) > 0
