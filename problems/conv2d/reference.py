import numpy as np


def conv2d(x, weight, bias, stride, padding, dilation, groups):
    x = np.asarray(x, dtype=np.float64)
    weight = np.asarray(weight, dtype=np.float64)
    n, c, h, w = x.shape
    o, c_group, kh, kw = weight.shape
    o_group = o // groups
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (w + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((n, o, ho, wo))
    for g in range(groups):
        xg = xp[:, g * c_group : (g + 1) * c_group]
        wg = weight[g * o_group : (g + 1) * o_group]
        for u in range(kh):
            for v in range(kw):
                top, left = u * dilation, v * dilation
                patch = xg[
                    :,
                    :,
                    top : top + stride * (ho - 1) + 1 : stride,
                    left : left + stride * (wo - 1) + 1 : stride,
                ]
                out[:, g * o_group : (g + 1) * o_group] += np.einsum(
                    "nchw,oc->nohw", patch, wg[:, :, u, v]
                )
    if bias is not None:
        out += np.asarray(bias, dtype=np.float64)[None, :, None, None]
    return out.astype(np.float32)
