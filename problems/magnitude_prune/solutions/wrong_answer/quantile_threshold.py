# Mistake: prunes everything at or below the sparsity quantile: ties and interpolation break k.
import numpy as np


def magnitude_prune(weight, sparsity):
    threshold = np.quantile(np.abs(weight), sparsity)
    return np.abs(weight) > threshold
