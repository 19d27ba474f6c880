# Mistake: sorts the signed weights, pruning large negative weights first.
import numpy as np


def magnitude_prune(weight, sparsity):
    flat = weight.ravel()
    k = int(np.floor(sparsity * flat.size + 1e-9))
    order = np.argsort(flat, kind="stable")
    mask = np.ones(flat.size, dtype=bool)
    mask[order[:k]] = False
    return mask.reshape(weight.shape)
