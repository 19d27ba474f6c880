# Mistake: the table floors (astype truncates the non-negative products) instead of rounding to
# nearest; every value is at most 1 too low, which a "within 1 per pixel" check would accept.
# Diagnosis: rounding
import numpy as np


def equalize_hist(image):
    hist = np.bincount(image.ravel(), minlength=256)
    v_min = int(np.flatnonzero(hist)[0])
    total = image.size
    if hist[v_min] == total:
        return image.copy()
    cdf = np.cumsum(hist) - hist[v_min]
    lut = (cdf * (255.0 / (total - hist[v_min]))).astype(np.int64)
    lut[:v_min] = 0
    return np.clip(lut, 0, 255).astype(np.uint8)[image]
