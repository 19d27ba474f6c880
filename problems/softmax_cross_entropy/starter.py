import numpy as np


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray, label_smoothing: float) -> float:
    """Mean cross-entropy with PyTorch's label smoothing (eps/C on every class)."""
    raise NotImplementedError
