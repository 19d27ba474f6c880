import numpy as np


def associate(
    tracks: np.ndarray, detections: np.ndarray, iou_threshold: float
) -> list[tuple[int, int]]:
    """One-to-one (track, detection) pairs with IoU >= threshold maximising the total IoU."""
    raise NotImplementedError
