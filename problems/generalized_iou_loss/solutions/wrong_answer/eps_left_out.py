# Mistake: leaves eps out of the denominators (the paper's formula): two identical zero-area
# boxes give 0 / 0 = NaN instead of loss 1.
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
    loss = 1 - (intersection / union - (enclosing - union) / enclosing)
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.sum() / max(loss.shape[0], 1)
    return loss
