# Mistake: a constant image divides by zero; the NaNs are turned into 0 instead of keeping the input.
import numpy as np


def equalize_hist(image):
    hist = np.bincount(image.ravel(), minlength=256)
    v_min = int(np.flatnonzero(hist)[0])
    cdf = np.cumsum(hist) - hist[v_min]
    with np.errstate(divide="ignore", invalid="ignore"):
        lut = np.nan_to_num(np.rint(cdf * 255.0 / (image.size - hist[v_min])))
    return np.clip(lut, 0, 255).astype(np.uint8)[image]
