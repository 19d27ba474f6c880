# Channels-last layout, one float32 matmul per kernel tap and group, accumulated in place.
import numpy as np


def conv2d(x, weight, bias, stride, padding, dilation, groups):
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    og = o // groups
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (w + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    xp = np.zeros((n, h + 2 * padding, w + 2 * padding, c), np.float32)
    xp[:, padding : padding + h, padding : padding + w] = x.transpose(0, 2, 3, 1)
    out = np.zeros((n, ho, wo, o), np.float32)
    for g in range(groups):
        channels = slice(g * cg, (g + 1) * cg)
        outputs = slice(g * og, (g + 1) * og)
        for u in range(kh):
            rows = slice(u * dilation, u * dilation + stride * (ho - 1) + 1, stride)
            for v in range(kw):
                cols = slice(v * dilation, v * dilation + stride * (wo - 1) + 1, stride)
                taps = xp[:, rows, cols, channels]  # (n, ho, wo, cg)
                out[..., outputs] += taps @ weight[outputs, :, u, v].T
    if bias is not None:
        out += bias
    return out.transpose(0, 3, 1, 2)
