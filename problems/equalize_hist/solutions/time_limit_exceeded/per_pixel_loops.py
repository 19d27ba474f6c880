# Correct, but counts and maps pixel by pixel in Python.
import numpy as np


def equalize_hist(image):
    hist = [0] * 256
    rows = image.tolist()
    for row in rows:
        for value in row:
            hist[value] += 1
    v_min = next(v for v in range(256) if hist[v])
    total = image.size
    if hist[v_min] == total:
        return image.copy()
    lut = [0] * 256
    running = 0
    for v in range(v_min + 1, 256):
        running += hist[v]
        lut[v] = int(round(running * 255.0 / (total - hist[v_min])))
    out = np.empty_like(image)
    for y, row in enumerate(rows):
        for x, value in enumerate(row):
            out[y, x] = lut[value]
    return out
