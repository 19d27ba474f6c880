# Correct, but adds k * k shifted copies: 10,201 passes over a 4096 x 4096 frame.
import numpy as np


def box_filter_sum(image, k):
    r = k // 2
    h, w = image.shape
    padded = np.pad(image, r)
    out = np.zeros((h, w))
    for i in range(k):
        for j in range(k):
            out += padded[i : i + h, j : j + w]
    return out
