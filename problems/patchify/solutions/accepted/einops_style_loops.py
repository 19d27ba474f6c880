# Slices the patch grid one cell at a time (Python loop over cells, numpy inside).
import numpy as np


def patchify(images, patch):
    n, h, w, c = images.shape
    if h % patch or w % patch:
        raise ValueError("H and W must be divisible by the patch size")
    gh, gw = h // patch, w // patch
    out = np.empty((n, gh * gw, patch * patch * c), dtype=images.dtype)
    for gy in range(gh):
        for gx in range(gw):
            cell = images[:, gy * patch : (gy + 1) * patch, gx * patch : (gx + 1) * patch, :]
            out[:, gy * gw + gx] = cell.reshape(n, -1)
    return out
