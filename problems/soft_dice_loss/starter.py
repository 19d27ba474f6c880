import torch


def soft_dice_loss(
    logits: torch.Tensor, targets: torch.Tensor, eps: float, ignore_index: int
) -> torch.Tensor:
    """Multi-class soft Dice loss: 1 - mean over classes of (2 I_c + eps) / (P_c + Y_c + eps).

    logits: (N, C, H, W) float32; targets: (N, H, W) int64 in [0, C) or equal to ignore_index.
    Softmax over dim 1; sums over every valid pixel of the batch (one dice per class); a class
    with P_c + Y_c == 0 has dice 1. Returns a 0-dim float32 tensor differentiable in logits.
    """
    raise NotImplementedError
