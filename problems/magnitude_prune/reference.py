import math

import numpy as np


def magnitude_prune(weight: np.ndarray, sparsity: float) -> np.ndarray:
    weight = np.asarray(weight)
    k = math.floor(sparsity * weight.size + 1e-9)
    order = np.argsort(np.abs(weight).ravel(), kind="stable")  # stable: ties by flat index
    keep = np.ones(weight.size, dtype=bool)
    keep[order[:k]] = False
    return keep.reshape(weight.shape)
