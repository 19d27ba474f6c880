# Adds one shifted, scaled copy of the padded image per kernel tap.
import numpy as np


def convolve2d(image, kernel):
    h, w = image.shape
    kh, kw = kernel.shape
    cy, cx = kh // 2, kw // 2
    padded = np.zeros((h + 2 * cy, w + 2 * cx))
    padded[cy : cy + h, cx : cx + w] = image
    out = np.zeros((h, w))
    for i in range(kh):
        for j in range(kw):
            # out[y, x] += k[i, j] * image[y + cy - i, x + cx - j]
            out += kernel[i, j] * padded[2 * cy - i : 2 * cy - i + h, 2 * cx - j : 2 * cx - j + w]
    return out
