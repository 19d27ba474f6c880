# Correct, but a full 2-D kernel applied pixel by pixel in Python.
import math

import numpy as np


def gaussian_blur(image, sigma):
    r = math.ceil(3 * sigma)
    offsets = np.arange(-r, r + 1)
    w = np.exp(-(offsets**2) / (2 * sigma * sigma))
    w /= w.sum()
    kernel = np.outer(w, w)
    padded = np.pad(image.astype(np.float64), r, mode="reflect")
    out = np.empty(image.shape, np.float32)
    for y in range(image.shape[0]):
        for x in range(image.shape[1]):
            out[y, x] = (padded[y : y + 2 * r + 1, x : x + 2 * r + 1] * kernel).sum()
    return out
