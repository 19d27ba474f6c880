# Builds the (Ho*Wo, H*W) interpolation matrix of every image with scatter_add, then one bmm.
import torch


def grid_sample_bilinear(input, grid, align_corners):
    n, c, h, w = input.shape
    ho, wo = grid.shape[1:3]
    x = grid[..., 0].reshape(n, -1)
    y = grid[..., 1].reshape(n, -1)
    if align_corners:
        x, y = (x + 1) * (w - 1) / 2, (y + 1) * (h - 1) / 2
    else:
        x, y = (x + 1) * w / 2 - 0.5, (y + 1) * h / 2 - 0.5
    x_low, y_low = x.floor(), y.floor()
    matrix = torch.zeros(n, ho * wo, h * w + 1, dtype=input.dtype)  # last column: "outside"
    for xk, wx in ((x_low, x_low + 1 - x), (x_low + 1, x - x_low)):
        for yk, wy in ((y_low, y_low + 1 - y), (y_low + 1, y - y_low)):
            valid = (xk >= 0) & (xk < w) & (yk >= 0) & (yk < h)
            column = torch.where(valid, yk * w + xk, torch.full_like(xk, h * w)).long()
            matrix = matrix.scatter_add(2, column.unsqueeze(-1), (wx * wy).unsqueeze(-1))
    out = torch.bmm(matrix[..., : h * w], input.reshape(n, c, h * w).transpose(1, 2))
    return out.transpose(1, 2).reshape(n, c, ho, wo)
