import numpy as np


def kabsch(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Proper rotation R and translation t minimising sum ||R a_i + t - b_i||^2."""
    raise NotImplementedError
