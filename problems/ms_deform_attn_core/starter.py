import torch


def ms_deform_attn_core(
    value: torch.Tensor,
    spatial_shapes: torch.Tensor,
    sampling_locations: torch.Tensor,
    attention_weights: torch.Tensor,
) -> torch.Tensor:
    """Multi-scale deformable attention, the core of Deformable DETR.

    value: (N, S, M, D) float32, the L levels' pixels stacked along S (row-major in each level).
    spatial_shapes: (L, 2) int64, rows (H_l, W_l). sampling_locations: (N, Lq, M, L, P, 2)
    float32 in [0, 1], [..., 0] = x, [..., 1] = y. attention_weights: (N, Lq, M, L, P) float32.
    Returns (N, Lq, M * D) float32, head-major, differentiable in value, locations and weights.
    """
    raise NotImplementedError
