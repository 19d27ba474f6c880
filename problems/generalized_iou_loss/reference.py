import torch


def generalized_iou_loss(boxes1, boxes2, reduction, eps):
    # torchvision.ops.generalized_box_iou_loss, transcribed (torchvision is not installed).
    x1, y1, x2, y2 = boxes1.unbind(dim=-1)
    x1g, y1g, x2g, y2g = boxes2.unbind(dim=-1)

    xkis1 = torch.max(x1, x1g)
    ykis1 = torch.max(y1, y1g)
    xkis2 = torch.min(x2, x2g)
    ykis2 = torch.min(y2, y2g)

    intersection = torch.zeros_like(x1)
    overlap = (ykis2 > ykis1) & (xkis2 > xkis1)
    intersection[overlap] = (xkis2[overlap] - xkis1[overlap]) * (ykis2[overlap] - ykis1[overlap])
    union = (x2 - x1) * (y2 - y1) + (x2g - x1g) * (y2g - y1g) - intersection
    iou = intersection / (union + eps)

    xc1 = torch.min(x1, x1g)
    yc1 = torch.min(y1, y1g)
    xc2 = torch.max(x2, x2g)
    yc2 = torch.max(y2, y2g)
    area_c = (xc2 - xc1) * (yc2 - yc1)
    loss = 1 - (iou - (area_c - union) / (area_c + eps))

    if reduction == "none":
        return loss
    if reduction == "mean":
        return loss.mean() if loss.numel() > 0 else 0.0 * loss.sum()
    if reduction == "sum":
        return loss.sum()
    raise ValueError(f"reduction must be 'none', 'mean' or 'sum', not {reduction!r}")
