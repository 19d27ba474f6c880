# Mistake: align_corners=True mapping, s = x * (W - 1) / (out_w - 1).
import numpy as np


def axis(n_in, n_out):
    s = np.arange(n_out) * ((n_in - 1) / (n_out - 1) if n_out > 1 else 0.0)
    i0 = np.floor(s).astype(np.int64)
    i1 = np.minimum(i0 + 1, n_in - 1)
    return i0, i1, s - i0


def resize_bilinear(image, out_h, out_w):
    img = image if image.ndim == 3 else image[:, :, None]
    y0, y1, wy = axis(img.shape[0], out_h)
    x0, x1, wx = axis(img.shape[1], out_w)
    rows = img[y0] * (1 - wy)[:, None, None] + img[y1] * wy[:, None, None]
    out = (rows[:, x0] * (1 - wx)[None, :, None] + rows[:, x1] * wx[None, :, None]).astype(np.float32)
    return out if image.ndim == 3 else out[:, :, 0]
