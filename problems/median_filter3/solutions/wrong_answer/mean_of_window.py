# Mistake: the mean (box blur), rounded, instead of the median.
import numpy as np


def median_filter3(image):
    p = np.pad(image, 1, mode="edge").astype(np.float64)
    h, w = image.shape
    total = sum(p[i : i + h, j : j + w] for i in range(3) for j in range(3))
    return np.rint(total / 9).astype(np.uint8)
