# Mistake: plain IoU loss, 1 - I / (U + eps): drops the enclosing-box penalty, so every disjoint
# pair gets loss 1 whatever its distance.
import torch


def generalized_iou_loss(boxes1, boxes2, reduction, eps):
    top_left = torch.maximum(boxes1[:, :2], boxes2[:, :2])
    bottom_right = torch.minimum(boxes1[:, 2:], boxes2[:, 2:])
    intersection = (bottom_right - top_left).clamp(min=0).prod(dim=1)
    area1 = (boxes1[:, 2:] - boxes1[:, :2]).prod(dim=1)
    area2 = (boxes2[:, 2:] - boxes2[:, :2]).prod(dim=1)
    loss = 1 - intersection / (area1 + area2 - intersection + eps)
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.sum() / max(loss.shape[0], 1)
    return loss
