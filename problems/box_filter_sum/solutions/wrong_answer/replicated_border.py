# Mistake: pads by replicating the edge instead of zeros.
# Diagnosis: border_only
import numpy as np


def box_filter_sum(image, k):
    r = k // 2
    h, w = image.shape
    padded = np.pad(image, r, mode="edge")
    table = np.zeros((h + 2 * r + 1, w + 2 * r + 1))
    table[1:, 1:] = padded.cumsum(axis=0).cumsum(axis=1)
    return table[k:, k:] - table[:-k, k:] - table[k:, :-k] + table[:-k, :-k]
