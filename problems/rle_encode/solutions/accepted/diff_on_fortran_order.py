# Change points of the column-major sequence, with a leading 0 and a trailing end.
import numpy as np


def rle_encode(mask):
    flat = mask.ravel(order="F").astype(np.int8)
    edges = np.flatnonzero(np.diff(flat)) + 1
    bounds = np.concatenate([[0], edges, [flat.size]])
    runs = np.diff(bounds)
    if flat.size and flat[0] == 1:
        runs = np.concatenate([[0], runs])
    return runs.tolist()
