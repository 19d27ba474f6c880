# Correct, but sorts (|w|, index) pairs with Python's sorted.
import math

import numpy as np


def magnitude_prune(weight, sparsity):
    flat = weight.ravel().tolist()
    k = math.floor(sparsity * len(flat) + 1e-9)
    ranked = sorted(range(len(flat)), key=lambda i: (abs(flat[i]), i))
    mask = [True] * len(flat)
    for i in ranked[:k]:
        mask[i] = False
    return np.array(mask, dtype=bool).reshape(weight.shape)
