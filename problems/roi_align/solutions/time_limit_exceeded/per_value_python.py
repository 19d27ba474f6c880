# Correct, but pure Python: every channel of every sample interpolated one float at a time.
import math

import numpy as np


def bilinear(plane, h, w, y, x):
    if y < -1 or y > h or x < -1 or x > w:
        return 0.0
    y, x = max(y, 0.0), max(x, 0.0)
    y0, x0 = math.floor(y), math.floor(x)
    if y0 >= h - 1:
        y0 = y1 = h - 1
        y = float(y0)
    else:
        y1 = y0 + 1
    if x0 >= w - 1:
        x0 = x1 = w - 1
        x = float(x0)
    else:
        x1 = x0 + 1
    ly, lx = y - y0, x - x0
    return (1 - ly) * ((1 - lx) * plane[y0][x0] + lx * plane[y0][x1]) + ly * (
        (1 - lx) * plane[y1][x0] + lx * plane[y1][x1]
    )


def roi_align(features, boxes, output_size, spatial_scale, sampling_ratio):
    c, h, w = features.shape
    f = features.tolist()
    p, s = output_size, sampling_ratio
    out = np.zeros((len(boxes), c, p, p), np.float32)
    for k, (x1, y1, x2, y2) in enumerate(boxes.tolist()):
        start_x, start_y = x1 * spatial_scale - 0.5, y1 * spatial_scale - 0.5
        bin_w = (x2 * spatial_scale - 0.5 - start_x) / p
        bin_h = (y2 * spatial_scale - 0.5 - start_y) / p
        for ch in range(c):
            plane = f[ch]
            for i in range(p):
                for j in range(p):
                    total = 0.0
                    for a in range(s):
                        y = start_y + i * bin_h + (a + 0.5) * bin_h / s
                        for b in range(s):
                            x = start_x + j * bin_w + (b + 0.5) * bin_w / s
                            total += bilinear(plane, h, w, y, x)
                    out[k, ch, i, j] = total / (s * s)
    return out
