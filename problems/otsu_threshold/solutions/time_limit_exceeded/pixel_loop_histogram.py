# Correct, but builds the histogram pixel by pixel in Python.
import numpy as np


def otsu_threshold(image):
    hist = [0] * 256
    for y in range(image.shape[0]):
        for x in range(image.shape[1]):
            hist[image[y, x]] += 1
    p = np.array(hist, dtype=np.float64) / image.size
    w0 = np.cumsum(p)
    w1 = 1 - w0
    m = np.cumsum(p * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        var = (m[-1] * w0 - m) ** 2 / (w0 * w1)
    var[(w0 <= 0) | (w1 <= 1e-15)] = -1
    return int(np.argmax(var)) if var.max() >= 0 else 0
