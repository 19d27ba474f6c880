import numpy as np


def average_precision(
    scores: np.ndarray, is_true_positive: np.ndarray, num_ground_truth: int
) -> float:
    """COCO 101-point interpolated AP: stable sort by score, precision envelope, 101 recalls."""
    raise NotImplementedError
