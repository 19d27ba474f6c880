# Mistake: assigns output channel o to group o % groups (interleaved) instead of o // (O / groups).
import numpy as np


def conv2d(x, weight, bias, stride, padding, dilation, groups):
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (w + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((n, o, ho, wo), np.float32)
    for oc in range(o):
        g = oc % groups
        for u in range(kh):
            for v in range(kw):
                p = xp[:, g * cg : (g + 1) * cg, u * dilation : u * dilation + stride * (ho - 1) + 1 : stride,
                       v * dilation : v * dilation + stride * (wo - 1) + 1 : stride]
                out[:, oc] += np.tensordot(p, weight[oc, :, u, v], axes=([1], [0]))
    return out if bias is None else out + bias[None, :, None, None]
