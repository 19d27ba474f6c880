# Mistake: reduction "mean" is loss.mean(), which is NaN for N = 0 (0 / 0) where torchvision
# returns 0.0.
import torch


def generalized_iou_loss(boxes1, boxes2, reduction, eps):
    top_left = torch.maximum(boxes1[:, :2], boxes2[:, :2])
    bottom_right = torch.minimum(boxes1[:, 2:], boxes2[:, 2:])
    intersection = (bottom_right - top_left).clamp(min=0).prod(dim=1)
    area1 = (boxes1[:, 2:] - boxes1[:, :2]).prod(dim=1)
    area2 = (boxes2[:, 2:] - boxes2[:, :2]).prod(dim=1)
    union = area1 + area2 - intersection
    enclosing = (
        torch.maximum(boxes1[:, 2:], boxes2[:, 2:]) - torch.minimum(boxes1[:, :2], boxes2[:, :2])
    ).prod(dim=1)
    loss = 1 - (intersection / (union + eps) - (enclosing - union) / (enclosing + eps))
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    return loss
