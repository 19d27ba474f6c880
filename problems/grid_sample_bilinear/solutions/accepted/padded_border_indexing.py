# Pads the image with a one-pixel ring of zeros and clamps every corner into the padded image:
# a corner outside the image lands on the ring (or is clamped onto it) and reads 0.
import torch
import torch.nn.functional as F


def grid_sample_bilinear(input, grid, align_corners):
    n, c, h, w = input.shape
    size = torch.tensor([w, h], dtype=grid.dtype)
    if align_corners:
        pix = (grid + 1) * 0.5 * (size - 1)
    else:
        pix = ((grid + 1) * size - 1) * 0.5
    base = pix.floor()
    frac = pix - base
    padded = F.pad(input, (1, 1, 1, 1))
    batch = torch.arange(n).view(n, 1, 1)
    out = torch.zeros(n, grid.shape[1], grid.shape[2], c, dtype=input.dtype)
    channels_last = padded.permute(0, 2, 3, 1)  # (N, H + 2, W + 2, C)
    for dy in (0, 1):
        for dx in (0, 1):
            col = (base[..., 0] + dx + 1).clamp(0, w + 1).long()
            row = (base[..., 1] + dy + 1).clamp(0, h + 1).long()
            wx = frac[..., 0] if dx else 1 - frac[..., 0]
            wy = frac[..., 1] if dy else 1 - frac[..., 1]
            out = out + channels_last[batch, row, col] * (wx * wy).unsqueeze(-1)
    return out.permute(0, 3, 1, 2).contiguous()
