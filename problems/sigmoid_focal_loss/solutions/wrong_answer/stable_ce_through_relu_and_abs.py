# Mistake: the stable cross-entropy written as relu(x) - x t + log1p(exp(-|x|)): the right
# values everywhere, but autograd takes relu'(0) = 0 and abs'(0) = 0, so at x == 0 exactly the
# gradient of ce is -t instead of 0.5 - t.
import torch


def sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction):
    ce = torch.relu(inputs) - inputs * targets + torch.log1p(torch.exp(-inputs.abs()))
    p = torch.sigmoid(inputs)
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce * (1 - p_t) ** gamma
    if alpha >= 0:
        loss = (alpha * targets + (1 - alpha) * (1 - targets)) * loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
