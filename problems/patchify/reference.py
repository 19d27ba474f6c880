import numpy as np


def patchify(images: np.ndarray, patch: int) -> np.ndarray:
    n, h, w, c = images.shape
    if h % patch or w % patch:
        raise ValueError("H and W must be divisible by the patch size")
    grid = images.reshape(n, h // patch, patch, w // patch, patch, c)
    return grid.transpose(0, 1, 3, 2, 4, 5).reshape(
        n, (h // patch) * (w // patch), patch * patch * c
    )
