# Mistake: .long() truncates toward zero, so a coordinate in (-1, 0) gets corner 0, not -1.
import torch


def grid_sample_bilinear(input, grid, align_corners):
    n, c, h, w = input.shape
    gx, gy = grid[..., 0], grid[..., 1]
    if align_corners:
        ix = (gx + 1) / 2 * (w - 1)
        iy = (gy + 1) / 2 * (h - 1)
    else:
        ix = ((gx + 1) * w - 1) / 2
        iy = ((gy + 1) * h - 1) / 2
    x0 = ix.long().to(ix.dtype)
    y0 = iy.long().to(iy.dtype)
    flat = input.reshape(n, c, h * w)
    out = 0
    for dy in (0, 1):
        for dx in (0, 1):
            xk, yk = x0 + dx, y0 + dy
            wx = (ix - x0) if dx else (1 - (ix - x0))
            wy = (iy - y0) if dy else (1 - (iy - y0))
            inside = (xk >= 0) & (xk <= w - 1) & (yk >= 0) & (yk <= h - 1)
            index = (yk.clamp(0, h - 1) * w + xk.clamp(0, w - 1)).long()  # (N, Ho, Wo)
            values = torch.gather(flat, 2, index.reshape(n, 1, -1).expand(n, c, -1))
            weight = (wx * wy * inside).reshape(n, 1, -1)
            out = out + values * weight
    return out.reshape(n, c, *grid.shape[1:3])
