# Computes in float64 and casts the loss back to float32 (autograd follows both casts); the
# overlap sides go through relu, and the enclosing box is the union of the two boxes' extents.
import torch


def generalized_iou_loss(boxes1, boxes2, reduction, eps):
    a = boxes1.double()
    b = boxes2.double()
    width = torch.relu(torch.min(a[:, 2], b[:, 2]) - torch.max(a[:, 0], b[:, 0]))
    height = torch.relu(torch.min(a[:, 3], b[:, 3]) - torch.max(a[:, 1], b[:, 1]))
    intersection = width * height
    union = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1]) + (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = union - intersection
    hull_w = torch.max(a[:, 2], b[:, 2]) - torch.min(a[:, 0], b[:, 0])
    hull_h = torch.max(a[:, 3], b[:, 3]) - torch.min(a[:, 1], b[:, 1])
    hull = hull_w * hull_h
    loss = (1 - intersection / (union + eps) + (hull - union) / (hull + eps)).float()
    if reduction == "none":
        return loss
    total = loss.sum()
    if reduction == "sum":
        return total
    return total / loss.numel() if loss.numel() else total * 0.0
