import numpy as np


def conv2d(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    stride: int,
    padding: int,
    dilation: int,
    groups: int,
) -> np.ndarray:
    """One strided view of the padded input per kernel tap, contracted over channels.

    Accumulates in float64 so the expected values carry no float32 summation error of their
    own; the im2col accepted solution sums in float32 and must stay within the tolerance.
    """
    x = np.asarray(x, dtype=np.float64)
    weight = np.asarray(weight, dtype=np.float64)
    n, c, h, w = x.shape
    o, c_group, kh, kw = weight.shape
    if c % groups or o % groups or c_group != c // groups:
        raise ValueError("groups must divide C and O, and weight must be (O, C / groups, kh, kw)")
    o_group = o // groups
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (w + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    if ho < 1 or wo < 1:
        raise ValueError("the kernel does not fit in the padded input")
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
                # tensordot goes through BLAS; np.einsum here would not (no optimize=True).
                tap = np.tensordot(patch, wg[:, :, u, v], axes=([1], [1]))  # (n, ho, wo, og)
                out[:, g * o_group : (g + 1) * o_group] += tap.transpose(0, 3, 1, 2)
    if bias is not None:
        out += np.asarray(bias, dtype=np.float64)[None, :, None, None]
    return out.astype(np.float32)
