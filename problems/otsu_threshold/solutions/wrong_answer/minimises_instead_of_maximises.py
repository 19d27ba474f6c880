# Mistake: picks the smallest between-class variance (confused with the within-class criterion).
import numpy as np


def otsu_threshold(image):
    p = np.bincount(image.ravel(), minlength=256) / image.size
    w0 = np.cumsum(p)
    w1 = 1 - w0
    m = np.cumsum(p * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        var = (m[-1] * w0 - m) ** 2 / (w0 * w1)
    var[(w0 <= 0) | (w1 <= 1e-15)] = np.inf
    return int(np.argmin(var)) if np.isfinite(var).any() else 0
