# Mistake: every group reads the first C / groups input channels instead of its own slice.
import numpy as np


def conv2d(x, weight, bias, stride, padding, dilation, groups):
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (w + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))[:, :cg]
    out = np.zeros((n, o, ho, wo), np.float32)
    for u in range(kh):
        for v in range(kw):
            p = xp[:, :, u * dilation : u * dilation + stride * (ho - 1) + 1 : stride,
                   v * dilation : v * dilation + stride * (wo - 1) + 1 : stride]
            out += np.einsum("nchw,oc->nohw", p, weight[:, :, u, v])
    return out if bias is None else out + bias[None, :, None, None]
