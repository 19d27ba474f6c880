# Separable: a 1-D running sum along rows, then along columns.
import numpy as np


def window_sums(a, k, axis):
    r = k // 2
    pad = [(0, 0)] * a.ndim
    pad[axis] = (r + 1, r)
    c = np.cumsum(np.pad(a, pad), axis=axis)
    n = a.shape[axis]
    hi = np.take(c, np.arange(k, k + n), axis=axis)
    lo = np.take(c, np.arange(0, n), axis=axis)
    return hi - lo


def box_filter_sum(image, k):
    if k % 2 == 0:
        raise ValueError("k must be odd")
    return window_sums(window_sums(image, k, 1), k, 0)
