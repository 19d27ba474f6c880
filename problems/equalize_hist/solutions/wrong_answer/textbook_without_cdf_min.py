# Mistake: the textbook round(255 * cdf / total), without discounting the darkest level.
import numpy as np


def equalize_hist(image):
    hist = np.bincount(image.ravel(), minlength=256)
    lut = np.rint(255.0 * np.cumsum(hist) / image.size)
    return lut.astype(np.uint8)[image]
