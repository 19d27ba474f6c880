# Mistake: F.binary_cross_entropy on sigmoid(x): finite, but it clamps log p at -100, so a logit
# of 150 against target 0 costs 100 instead of 150.
import torch
import torch.nn.functional as F


def sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction):
    p = torch.sigmoid(inputs)
    ce = F.binary_cross_entropy(p, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        loss = (alpha * targets + (1 - alpha) * (1 - targets)) * loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
