import torch


def sigmoid_focal_loss(
    inputs: torch.Tensor, targets: torch.Tensor, alpha: float, gamma: float, reduction: str
) -> torch.Tensor:
    """RetinaNet's focal loss on logits (torchvision's sigmoid_focal_loss).

    inputs: float32 logits of any shape (|x| up to 1000); targets: float32 in [0, 1], same shape.
    ce = BCE with logits (stable), p_t = p*t + (1-p)*(1-t), loss = ce * (1 - p_t)**gamma, times
    alpha*t + (1-alpha)*(1-t) only if alpha >= 0. reduction: "none" (inputs' shape), "mean" or
    "sum" (0-dim). float32, differentiable in inputs.
    """
    raise NotImplementedError
