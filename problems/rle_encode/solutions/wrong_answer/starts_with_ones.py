# Mistake: alternates starting with a run of 1s.
import numpy as np


def rle_encode(mask):
    flat = mask.ravel(order="F").astype(np.int8)
    edges = np.flatnonzero(np.diff(flat)) + 1
    runs = np.diff(np.concatenate([[0], edges, [flat.size]]))
    if flat[0] == 0:
        runs = np.concatenate([[0], runs])
    return runs.tolist()
