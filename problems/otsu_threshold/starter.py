import numpy as np


def otsu_threshold(image: np.ndarray) -> int:
    """The grey level t maximising the between-class variance (class 0: pixels <= t)."""
    raise NotImplementedError
