import numpy as np


def scaled_dot_product_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None
) -> np.ndarray:
    """softmax(q k^T / sqrt(D), keys where mask is True) @ v; rows with no allowed key give 0."""
    raise NotImplementedError
