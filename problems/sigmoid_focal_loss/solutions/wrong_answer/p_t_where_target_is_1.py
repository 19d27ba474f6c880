# Mistake: p_t = where(t == 1, p, 1 - p), the hard-label form of the paper: right for targets of
# exactly 0 and 1, wrong for soft targets (and so is alpha_t chosen the same way).
import torch
import torch.nn.functional as F


def sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction):
    p = torch.sigmoid(inputs)
    ce = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    positive = targets == 1
    p_t = torch.where(positive, p, 1 - p)
    loss = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        loss = torch.where(positive, alpha, 1 - alpha) * loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
