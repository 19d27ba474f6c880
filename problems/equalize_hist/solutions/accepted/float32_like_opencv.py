# OpenCV's own arithmetic: float32 scale and products, round half to even.
import numpy as np


def equalize_hist(image):
    counts = np.zeros(256, dtype=np.int64)
    np.add.at(counts, image.ravel(), 1)
    present = np.nonzero(counts)[0]
    low = present[0]
    if counts[low] == image.size:
        return np.full_like(image, low)
    scale = np.float32(255.0) / np.float32(image.size - counts[low])
    running = np.cumsum(counts[low + 1 :])
    lut = np.zeros(256, dtype=np.uint8)
    lut[low + 1 :] = np.clip(np.rint(running.astype(np.float32) * scale), 0, 255)
    return lut[image]
