# A summed-area table with a zero row and column in front, padded by r on every side.
import numpy as np


def box_filter_sum(image, k):
    if k % 2 == 0:
        raise ValueError("k must be odd")
    r = k // 2
    h, w = image.shape
    padded = np.pad(image, r)
    table = np.zeros((h + 2 * r + 1, w + 2 * r + 1))
    table[1:, 1:] = padded.cumsum(axis=0).cumsum(axis=1)
    return table[k:, k:] - table[:-k, k:] - table[k:, :-k] + table[:-k, :-k]
