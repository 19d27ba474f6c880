# Mistake: flips the kernel (true convolution), unlike PyTorch.
# Diagnosis: sign_flipped (where the kernel is antisymmetric, flipping it negates the output)
import numpy as np


def conv2d(x, weight, bias, stride, padding, dilation, groups):
    weight = weight[:, :, ::-1, ::-1]
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    og = o // groups
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (w + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.zeros((n, o, ho, wo), np.float32)
    for g in range(groups):
        for u in range(kh):
            for v in range(kw):
                p = xp[:, g * cg : (g + 1) * cg, u * dilation : u * dilation + stride * (ho - 1) + 1 : stride,
                       v * dilation : v * dilation + stride * (wo - 1) + 1 : stride]
                out[:, g * og : (g + 1) * og] += np.einsum("nchw,oc->nohw", p, weight[g * og : (g + 1) * og, :, u, v])
    return out if bias is None else out + bias[None, :, None, None]
