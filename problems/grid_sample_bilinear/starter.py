import torch


def grid_sample_bilinear(
    input: torch.Tensor, grid: torch.Tensor, align_corners: bool
) -> torch.Tensor:
    """Bilinear sampling with zero padding at normalised grid positions, by hand.

    input: (N, C, H, W) float32. grid: (N, Ho, Wo, 2) float32, grid[..., 0] = x (width),
    grid[..., 1] = y (height), normalised to [-1, 1]. Returns (N, C, Ho, Wo) float32,
    differentiable with respect to input and grid.
    """
    raise NotImplementedError
