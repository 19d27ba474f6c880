import numpy as np


def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float) -> np.ndarray:
    """Greedy non-maximum suppression.

    boxes: (N, 4) float64 [x1, y1, x2, y2]; scores: (N,) float64.
    Returns the kept indices as an int64 array, in decreasing score (ties: lower index first).
    """
    raise NotImplementedError
