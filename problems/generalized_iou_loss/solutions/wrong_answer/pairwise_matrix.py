# Mistake: the box_iou habit: an (N, N) matrix of every boxes1 row against every boxes2 row
# (torchvision's generalized_box_iou) instead of row i against row i.
import torch


def generalized_iou_loss(boxes1, boxes2, reduction, eps):
    a = boxes1[:, None, :]
    b = boxes2[None, :, :]
    top_left = torch.maximum(a[..., :2], b[..., :2])
    bottom_right = torch.minimum(a[..., 2:], b[..., 2:])
    intersection = (bottom_right - top_left).clamp(min=0).prod(dim=-1)
    union = (a[..., 2:] - a[..., :2]).prod(-1) + (b[..., 2:] - b[..., :2]).prod(-1) - intersection
    enclosing = (
        torch.maximum(a[..., 2:], b[..., 2:]) - torch.minimum(a[..., :2], b[..., :2])
    ).prod(dim=-1)
    loss = 1 - (intersection / (union + eps) - (enclosing - union) / (enclosing + eps))
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.sum() / max(loss.numel(), 1)
    return loss
