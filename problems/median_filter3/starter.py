import numpy as np


def median_filter3(image: np.ndarray) -> np.ndarray:
    """3x3 median of a uint8 image with replicated borders (cv2.medianBlur(image, 3))."""
    raise NotImplementedError
