# Bilinear weights factor into a row weight times a column weight, so each box's output is
# My @ f[c] @ Mx.T with (P, H) and (P, W) interpolation matrices already averaged over samples.
import numpy as np


def axis_matrix(start, bin_size, p, s, size):
    """(K, P, size): the weight of every feature row (or column) in every bin, per box."""
    offsets = np.arange(p)[:, None] + (np.arange(s)[None, :] + 0.5) / s  # (P, S) in bins
    coord = start[:, None, None] + offsets[None] * bin_size[:, None, None]  # (K, P, S)
    inside = (coord >= -1) & (coord <= size)
    coord = np.clip(coord, 0, None)
    low = np.floor(coord).astype(np.int64)
    last = low >= size - 1
    low = np.where(last, size - 1, low)
    high = np.where(last, size - 1, low + 1)
    frac = np.where(last, 0.0, coord - low) * inside
    keep = (1 - frac) * inside
    grid = np.arange(size)
    weights = (low[..., None] == grid) * keep[..., None] + (high[..., None] == grid) * frac[..., None]
    return weights.sum(axis=2) / s


def roi_align(features, boxes, output_size, spatial_scale, sampling_ratio):
    c, h, w = features.shape
    p, s = output_size, sampling_ratio
    k = len(boxes)
    shifted = boxes.astype(np.float64) * spatial_scale - 0.5
    x1, y1, x2, y2 = shifted.T
    rows = axis_matrix(y1, (y2 - y1) / p, p, s, h)  # (K, P, H)
    cols = axis_matrix(x1, (x2 - x1) / p, p, s, w)  # (K, P, W)
    f = features.astype(np.float64)
    # (K * P, H) @ (H, C * W): every box's rows at once, one BLAS call.
    by_rows = (rows.reshape(k * p, h) @ f.transpose(1, 0, 2).reshape(h, c * w)).reshape(k, p * c, w)
    out = by_rows @ cols.transpose(0, 2, 1)  # (K, P * C, P)
    return out.reshape(k, p, c, p).transpose(0, 2, 1, 3).astype(np.float32)
