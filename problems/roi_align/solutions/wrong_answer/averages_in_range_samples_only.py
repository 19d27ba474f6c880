# Mistake: averages over the in-range samples only (divides by their count, not by S * S).
import numpy as np


def bilinear(f, y, x):
    c, h, w = f.shape
    if y < -1.0 or y > h or x < -1.0 or x > w:
        return None
    y, x = max(y, 0.0), max(x, 0.0)
    y_low, x_low = int(y), int(x)
    if y_low >= h - 1:
        y_high = y_low = h - 1
        y = float(y_low)
    else:
        y_high = y_low + 1
    if x_low >= w - 1:
        x_high = x_low = w - 1
        x = float(x_low)
    else:
        x_high = x_low + 1
    ly, lx = y - y_low, x - x_low
    hy, hx = 1 - ly, 1 - lx
    return (hy * hx * f[:, y_low, x_low] + hy * lx * f[:, y_low, x_high]
            + ly * hx * f[:, y_high, x_low] + ly * lx * f[:, y_high, x_high])


def roi_align(features, boxes, output_size, spatial_scale, sampling_ratio):
    f = features.astype(np.float64)
    c = f.shape[0]
    p, s = output_size, sampling_ratio
    out = np.zeros((len(boxes), c, p, p))
    for k, (x1, y1, x2, y2) in enumerate(boxes.tolist()):
        sw, sh = x1 * spatial_scale - 0.5, y1 * spatial_scale - 0.5
        bw = (x2 * spatial_scale - 0.5 - sw) / p
        bh = (y2 * spatial_scale - 0.5 - sh) / p
        for ph in range(p):
            for pw in range(p):
                acc, used = np.zeros(c), 0
                for iy in range(s):
                    y = sh + ph * bh + (iy + 0.5) * bh / s
                    for ix in range(s):
                        x = sw + pw * bw + (ix + 0.5) * bw / s
                        value = bilinear(f, y, x)
                        if value is not None:
                            acc += value
                            used += 1
                out[k, :, ph, pw] = acc / max(used, 1)
    return out.astype(np.float32)
