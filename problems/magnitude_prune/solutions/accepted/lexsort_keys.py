# Explicit two-key sort: primary |w|, secondary flat index.
import numpy as np


def magnitude_prune(weight, sparsity):
    flat = np.abs(weight.ravel())
    k = int(np.floor(sparsity * flat.size + 1e-9))
    order = np.lexsort((np.arange(flat.size), flat))
    mask = np.ones(flat.size, dtype=bool)
    mask[order[:k]] = False
    return mask.reshape(weight.shape)
