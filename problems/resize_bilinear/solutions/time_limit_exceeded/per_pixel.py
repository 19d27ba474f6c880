# Correct, but interpolates one output pixel at a time.
import math

import numpy as np


def resize_bilinear(image, out_h, out_w):
    img = image if image.ndim == 3 else image[:, :, None]
    h, w, c = img.shape
    out = np.empty((out_h, out_w, c), np.float32)
    for y in range(out_h):
        sy = min(max((y + 0.5) * h / out_h - 0.5, 0), h - 1)
        y0 = math.floor(sy)
        y1 = min(y0 + 1, h - 1)
        b = sy - y0
        for x in range(out_w):
            sx = min(max((x + 0.5) * w / out_w - 0.5, 0), w - 1)
            x0 = math.floor(sx)
            x1 = min(x0 + 1, w - 1)
            a = sx - x0
            out[y, x] = ((1 - b) * ((1 - a) * img[y0, x0] + a * img[y0, x1])
                         + b * ((1 - a) * img[y1, x0] + a * img[y1, x1]))
    return out if image.ndim == 3 else out[:, :, 0]
