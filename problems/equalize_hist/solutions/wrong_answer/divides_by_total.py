# Mistake: discounts the darkest level in the numerator but divides by the total pixel count.
import numpy as np


def equalize_hist(image):
    hist = np.bincount(image.ravel(), minlength=256)
    v_min = int(np.flatnonzero(hist)[0])
    if hist[v_min] == image.size:
        return image.copy()
    cdf = np.cumsum(hist) - hist[v_min]
    lut = np.rint(cdf * 255.0 / image.size)
    return np.clip(lut, 0, 255).astype(np.uint8)[image]
