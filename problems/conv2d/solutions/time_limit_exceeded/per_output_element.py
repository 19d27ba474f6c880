# Correct, but one numpy dot product per output element (1.6 million of them).
import numpy as np


def conv2d(x, weight, bias, stride, padding, dilation, groups):
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    og = o // groups
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (w + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((n, o, ho, wo), np.float32)
    for b in range(n):
        for oc in range(o):
            g = oc // og
            kernel = weight[oc]
            for i in range(ho):
                for j in range(wo):
                    patch = xp[b, g * cg : (g + 1) * cg, i * stride : i * stride + dilation * (kh - 1) + 1 : dilation,
                               j * stride : j * stride + dilation * (kw - 1) + 1 : dilation]
                    out[b, oc, i, j] = np.sum(patch * kernel) + (0 if bias is None else bias[oc])
    return out
