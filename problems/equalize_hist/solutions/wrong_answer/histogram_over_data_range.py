# Mistake: np.histogram with 256 bins over the data's own range, not one bin per grey level.
import numpy as np


def equalize_hist(image):
    hist, edges = np.histogram(image, bins=256)
    cdf = np.cumsum(hist)
    if cdf[-1] == cdf[0]:
        return image.copy()
    lut = np.rint((cdf - cdf[0]) * 255.0 / (cdf[-1] - cdf[0]))
    bins = np.clip(np.digitize(image, edges[1:-1]), 0, 255)
    return lut[bins].astype(np.uint8)
