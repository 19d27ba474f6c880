# All 256 candidates at once from cumulative sums; first maximum.
import numpy as np


def otsu_threshold(image):
    hist = np.bincount(image.ravel(), minlength=256).astype(np.float64)
    p = hist / hist.sum()
    w0 = np.cumsum(p)
    w1 = 1 - w0
    m = np.cumsum(p * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        var = (m[-1] * w0 - m) ** 2 / (w0 * w1)
    var[(w0 <= 0) | (w1 <= 1e-15)] = -1
    if var.max() < 0:
        return 0
    return int(np.argmax(var))
