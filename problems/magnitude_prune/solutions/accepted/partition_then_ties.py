# Finds the k-th magnitude with np.partition, prunes everything below it, then the lowest
# indices among the ties at the threshold.
import numpy as np


def magnitude_prune(weight, sparsity):
    flat = np.abs(weight.ravel())
    k = int(np.floor(sparsity * flat.size + 1e-9))
    mask = np.ones(flat.size, dtype=bool)
    if k == 0:
        return mask.reshape(weight.shape)
    threshold = np.partition(flat, k - 1)[k - 1]
    below = flat < threshold
    mask[below] = False
    remaining = k - int(below.sum())
    ties = np.flatnonzero(flat == threshold)[:remaining]
    mask[ties] = False
    return mask.reshape(weight.shape)
