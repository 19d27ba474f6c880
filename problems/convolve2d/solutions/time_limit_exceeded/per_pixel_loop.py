# Correct, but a Python loop per output pixel.
import numpy as np


def convolve2d(image, kernel):
    h, w = image.shape
    kh, kw = kernel.shape
    cy, cx = kh // 2, kw // 2
    padded = np.pad(image, ((cy, cy), (cx, cx)))
    flipped = kernel[::-1, ::-1]
    out = np.zeros((h, w))
    for y in range(h):
        for x in range(w):
            out[y, x] = float((padded[y : y + kh, x : x + kw] * flipped).sum())
    return out
