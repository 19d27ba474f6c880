import numpy as np


def motion_mask(frames: np.ndarray, alpha: float, threshold: float) -> np.ndarray:
    """mask[t] = |frames[t] - bg_t| > threshold, then bg = (1 - alpha) bg + alpha frames[t]."""
    raise NotImplementedError
