import numpy as np


def quantize_per_channel(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 per output channel (axis 0): returns (q int8, scale float32 (O,))."""
    raise NotImplementedError
