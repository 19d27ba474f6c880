# Mistake: fits an affine transform (last row fixed to [0, 0, 1]): no perspective.
import numpy as np


def find_homography(src, dst):
    a = np.c_[src, np.ones(len(src))]
    m, *_ = np.linalg.lstsq(a, dst, rcond=None)
    return np.vstack([m.T, [0.0, 0.0, 1.0]])
