# Mistake: numpy's "symmetric" pad repeats the edge pixel (OpenCV's BORDER_REFLECT, not 101).
# Diagnosis: border_only
import math

import numpy as np


def gaussian_blur(image, sigma):
    r = math.ceil(3 * sigma)
    offsets = np.arange(-r, r + 1)
    w = np.exp(-(offsets**2) / (2 * sigma * sigma))
    w /= w.sum()
    h, wd = image.shape
    padded = np.pad(image.astype(np.float64), r, mode="symmetric")
    rows = sum(w[i] * padded[:, i : i + wd] for i in range(2 * r + 1))
    return sum(w[i] * rows[i : i + h, :] for i in range(2 * r + 1)).astype(np.float32)
