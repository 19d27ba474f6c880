# Correct, but sorts each window in Python.
import numpy as np


def median_filter3(image):
    p = np.pad(image, 1, mode="edge").tolist()
    h, w = image.shape
    out = np.empty((h, w), np.uint8)
    for y in range(h):
        for x in range(w):
            window = p[y][x : x + 3] + p[y + 1][x : x + 3] + p[y + 2][x : x + 3]
            out[y, x] = sorted(window)[4]
    return out
