# Mistake: an unstable (quicksort) argsort of -|w| reversed: ties prune the HIGHER index first.
import numpy as np


def magnitude_prune(weight, sparsity):
    flat = np.abs(weight.ravel())
    k = int(np.floor(sparsity * flat.size + 1e-9))
    order = np.argsort(-flat, kind="stable")[::-1]
    mask = np.ones(flat.size, dtype=bool)
    mask[order[:k]] = False
    return mask.reshape(weight.shape)
