import torch


def generalized_iou_loss(
    boxes1: torch.Tensor, boxes2: torch.Tensor, reduction: str, eps: float
) -> torch.Tensor:
    """Element-wise GIoU loss of row i of boxes1 with row i of boxes2 (torchvision's).

    boxes1, boxes2: (N, 4) float32 (x1, y1, x2, y2), N >= 0; reduction: "none" | "mean" | "sum";
    eps > 0 is added to both denominators: loss = 1 - (I / (U + eps) - (C - U) / (C + eps)).
    Returns (N,) for "none", a 0-dim tensor otherwise (mean of nothing is 0.0), float32,
    differentiable in boxes1.
    """
    raise NotImplementedError
