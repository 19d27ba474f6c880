import numpy as np


def magnitude_prune(weight: np.ndarray, sparsity: float) -> np.ndarray:
    """Keep-mask: False for the floor(sparsity * size + 1e-9) smallest |w| (ties: lower index)."""
    raise NotImplementedError
