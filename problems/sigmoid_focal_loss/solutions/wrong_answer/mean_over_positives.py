# Mistake: the detection-codebase habit of normalising by the number of positive anchors:
# "mean" divides the sum by sum(t) (at least 1) instead of by the number of elements.
import torch
import torch.nn.functional as F


def sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction):
    p = torch.sigmoid(inputs)
    ce = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        loss = (alpha * targets + (1 - alpha) * (1 - targets)) * loss
    if reduction == "mean":
        return loss.sum() / targets.sum().clamp(min=1)
    if reduction == "sum":
        return loss.sum()
    return loss
