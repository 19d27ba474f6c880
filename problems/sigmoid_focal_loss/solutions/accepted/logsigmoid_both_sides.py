# The cross-entropy from logsigmoid on both sides, log p = logsigmoid(x) and
# log(1 - p) = logsigmoid(-x), and 1 - p_t written as p + t - 2 p t.
import torch.nn.functional as F


def sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction):
    ce = -(targets * F.logsigmoid(inputs) + (1 - targets) * F.logsigmoid(-inputs))
    p = inputs.sigmoid()
    modulating = (p + targets - 2 * p * targets) ** gamma
    loss = ce * modulating
    if alpha >= 0:
        loss = loss * (1 - alpha + (2 * alpha - 1) * targets)
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.sum() / loss.numel()
    return loss
