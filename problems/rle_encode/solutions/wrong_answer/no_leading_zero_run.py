# Mistake: starts with whatever value the first pixel has (no empty 0-run when it is 1).
import numpy as np


def rle_encode(mask):
    flat = mask.ravel(order="F").astype(np.int8)
    edges = np.flatnonzero(np.diff(flat)) + 1
    return np.diff(np.concatenate([[0], edges, [flat.size]])).tolist()
