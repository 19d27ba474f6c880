import torch.nn.functional as F


def grid_sample_bilinear(input, grid, align_corners):
    return F.grid_sample(
        input, grid, mode="bilinear", padding_mode="zeros", align_corners=bool(align_corners)
    )
