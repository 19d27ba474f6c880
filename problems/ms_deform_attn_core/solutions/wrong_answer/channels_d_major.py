# Mistake: output channels ordered d * M + m instead of head-major m * D + d.
import torch


def ms_deform_attn_core(value, spatial_shapes, sampling_locations, attention_weights):
    n, s, m, d = value.shape
    _, lq, _, levels, p, _ = sampling_locations.shape
    out = value.new_zeros(n, lq, m, d)
    start = 0
    heads = torch.arange(m).view(1, 1, m, 1)
    batch = torch.arange(n).view(n, 1, 1, 1)
    for level, (h, w) in enumerate(spatial_shapes.tolist()):
        pixels = value[:, start : start + h * w]  # (N, H*W, M, D)
        start += h * w
        px = sampling_locations[:, :, :, level, :, 0] * w - 0.5  # (N, Lq, M, P)
        py = sampling_locations[:, :, :, level, :, 1] * h - 0.5
        weight = attention_weights[:, :, :, level]  # (N, Lq, M, P)
        x0, y0 = px.floor(), py.floor()
        fx, fy = px - x0, py - y0
        for dy, wy in ((0, 1 - fy), (1, fy)):
            for dx, wx in ((0, 1 - fx), (1, fx)):
                xk, yk = x0 + dx, y0 + dy
                inside = (xk >= 0) & (xk < w) & (yk >= 0) & (yk < h)
                row = (yk.clamp(0, h - 1) * w + xk.clamp(0, w - 1)).long()  # (N, Lq, M, P)
                corner = pixels[batch, row, heads]  # (N, Lq, M, P, D)
                coeff = (wx * wy * inside * weight).unsqueeze(-1)  # (N, Lq, M, P, 1)
                out = out + (corner * coeff).sum(dim=3)
    return out.transpose(2, 3).reshape(n, lq, m * d)
