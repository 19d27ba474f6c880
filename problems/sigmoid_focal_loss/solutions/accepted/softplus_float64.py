# In float64: ce = softplus(x) - x t (softplus switches to x above its threshold, so it never
# overflows), 1 - p_t = p (1 - t) + (1 - p) t; the result is cast back to float32.
import torch
import torch.nn.functional as F


def sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction):
    x = inputs.to(torch.float64)
    t = targets.to(torch.float64)
    ce = F.softplus(x) - x * t
    p = torch.sigmoid(x)
    loss = ce * torch.pow(p * (1 - t) + (1 - p) * t, gamma)
    if alpha >= 0:
        loss = (alpha * t + (1 - alpha) * (1 - t)) * loss
    if reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    return loss.to(torch.float32)
