import numpy as np


def _axis(coord, size):
    """torchvision's bilinear_interpolate along one axis: corner indices, weights, validity."""
    valid = (coord >= -1.0) & (coord <= size)
    c = np.maximum(coord, 0.0)
    low = np.floor(c).astype(np.int64)
    at_end = low >= size - 1
    low = np.where(at_end, size - 1, low)
    high = np.where(at_end, size - 1, low + 1)
    c = np.where(at_end, low.astype(np.float64), c)
    frac = c - low
    return low, high, (1 - frac) * valid, frac * valid


def roi_align(features, boxes, output_size, spatial_scale, sampling_ratio):
    f = np.asarray(features, dtype=np.float64)
    channels, height, width = f.shape
    b = np.asarray(boxes, dtype=np.float64).reshape(-1, 4) * spatial_scale - 0.5  # aligned=True
    p, s = int(output_size), int(sampling_ratio)
    if p < 1 or s < 1:
        # torchvision's adaptive grid (sampling_ratio <= 0) is not part of this problem.
        raise ValueError("output_size and sampling_ratio must be >= 1")
    x1, y1, x2, y2 = b.T
    grid = np.arange(p)[:, None] + (np.arange(s)[None, :] + 0.5) / s  # (P, S), in bins
    ys = y1[:, None, None] + grid[None] * ((y2 - y1) / p)[:, None, None]  # (K, P, S)
    xs = x1[:, None, None] + grid[None] * ((x2 - x1) / p)[:, None, None]
    yl, yh, wyl, wyh = _axis(ys, height)
    xl, xh, wxl, wxh = _axis(xs, width)
    out = np.zeros((channels, len(b), p, p))
    for ya, wya in ((yl, wyl), (yh, wyh)):
        for xb, wxb in ((xl, wxl), (xh, wxh)):
            values = f[:, ya[:, :, :, None, None], xb[:, None, None, :, :]]  # (C, K, P, S, P, S)
            weight = wya[:, :, :, None, None] * wxb[:, None, None, :, :]
            out += (values * weight[None]).sum(axis=(3, 5))
    return (out / (s * s)).transpose(1, 0, 2, 3).astype(np.float32)
