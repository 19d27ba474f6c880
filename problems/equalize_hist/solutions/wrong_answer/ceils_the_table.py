# Mistake: np.ceil instead of rounding to nearest; every value is at most 1 too high.
# Diagnosis: rounding
import numpy as np


def equalize_hist(image):
    hist = np.bincount(image.ravel(), minlength=256)
    v_min = int(np.flatnonzero(hist)[0])
    total = image.size
    if hist[v_min] == total:
        return image.copy()
    cdf = np.cumsum(hist) - hist[v_min]
    lut = np.ceil(cdf * (255.0 / (total - hist[v_min])))
    lut[:v_min] = 0
    return np.clip(lut, 0, 255).astype(np.uint8)[image]
