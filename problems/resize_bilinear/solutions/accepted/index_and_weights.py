# Indices and weights once per axis; gather rows, then columns.
import numpy as np


def axis_weights(n_in, n_out):
    s = (np.arange(n_out) + 0.5) * (n_in / n_out) - 0.5
    s = np.clip(s, 0, n_in - 1)
    i0 = np.floor(s).astype(np.int64)
    i1 = np.minimum(i0 + 1, n_in - 1)
    return i0, i1, (s - i0).astype(np.float32)


def resize_bilinear(image, out_h, out_w):
    img = image if image.ndim == 3 else image[:, :, None]
    y0, y1, wy = axis_weights(img.shape[0], out_h)
    x0, x1, wx = axis_weights(img.shape[1], out_w)
    rows = img[y0] * (1 - wy)[:, None, None] + img[y1] * wy[:, None, None]
    out = rows[:, x0] * (1 - wx)[None, :, None] + rows[:, x1] * wx[None, :, None]
    out = out.astype(np.float32)
    return out if image.ndim == 3 else out[:, :, 0]
