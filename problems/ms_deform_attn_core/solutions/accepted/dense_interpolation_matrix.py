# Scatters every sample's four bilinear weights (times its attention weight) into a dense
# (N, M, Lq, S) matrix over all levels' pixels, then one einsum with the values.
import torch


def ms_deform_attn_core(value, spatial_shapes, sampling_locations, attention_weights):
    n, s, m, d = value.shape
    lq = sampling_locations.shape[1]
    shapes = spatial_shapes.tolist()
    matrix = value.new_zeros(n, m, lq, s + 1)  # column s collects corners outside a level
    start = 0
    for level, (h, w) in enumerate(shapes):
        loc = sampling_locations[:, :, :, level].permute(0, 2, 1, 3, 4)  # (N, M, Lq, P, 2)
        a = attention_weights[:, :, :, level].permute(0, 2, 1, 3)  # (N, M, Lq, P)
        x = loc[..., 0] * w - 0.5
        y = loc[..., 1] * h - 0.5
        xl, yl = torch.floor(x), torch.floor(y)
        for xk, wx in ((xl, xl + 1 - x), (xl + 1, x - xl)):
            for yk, wy in ((yl, yl + 1 - y), (yl + 1, y - yl)):
                ok = (xk >= 0) & (xk <= w - 1) & (yk >= 0) & (yk <= h - 1)
                column = torch.where(ok, start + yk * w + xk, torch.full_like(xk, s)).long()
                matrix = matrix.scatter_add(3, column, a * wx * wy)
        start += h * w
    out = torch.einsum("nmqs,nsmd->nqmd", matrix[..., :s], value)
    return out.reshape(n, lq, m * d)
