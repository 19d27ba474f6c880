# Mistake: class 0 is pixels < t (not <= t), so the answer is one too high.
# Diagnosis: off_by_one
import numpy as np


def otsu_threshold(image):
    p = np.bincount(image.ravel(), minlength=256) / image.size
    w0 = np.concatenate([[0.0], np.cumsum(p)[:-1]])
    m = np.concatenate([[0.0], np.cumsum(p * np.arange(256))[:-1]])
    mu = (p * np.arange(256)).sum()
    w1 = 1 - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        var = (mu * w0 - m) ** 2 / (w0 * w1)
    var = np.nan_to_num(var, nan=-1, posinf=-1)
    return int(np.argmax(var))
