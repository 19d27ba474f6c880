# Mistake: k = int(sparsity * size) without the epsilon: 0.3 * 10 gives 2.
import numpy as np


def magnitude_prune(weight, sparsity):
    flat = np.abs(weight.ravel())
    k = int(sparsity * flat.size)
    order = np.argsort(flat, kind="stable")
    mask = np.ones(flat.size, dtype=bool)
    mask[order[:k]] = False
    return mask.reshape(weight.shape)
