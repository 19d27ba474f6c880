# Mistake: np.histogram with 255 bins over the data's range, then returns a bin index.
import numpy as np


def otsu_threshold(image):
    hist, _ = np.histogram(image, bins=255)
    p = hist / hist.sum()
    w0 = np.cumsum(p)
    w1 = 1 - w0
    m = np.cumsum(p * np.arange(255))
    with np.errstate(divide="ignore", invalid="ignore"):
        var = (m[-1] * w0 - m) ** 2 / (w0 * w1)
    var = np.nan_to_num(var, nan=-1, posinf=-1)
    return int(np.argmax(var))
