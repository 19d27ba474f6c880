# Mistake: the L1 cost is taken between the xyxy corners instead of the cxcywh vectors.
import torch


def xyxy(b):
    cx, cy, w, h = b.unbind(-1)
    return torch.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], dim=-1)


def giou(a, b):
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    lt = torch.max(a[:, None, :2], b[:, :2])
    rb = torch.min(a[:, None, 2:], b[:, 2:])
    inter = (rb - lt).clamp(min=0).prod(-1)
    union = area_a[:, None] + area_b - inter
    hull = (torch.max(a[:, None, 2:], b[:, 2:]) - torch.min(a[:, None, :2], b[:, :2])).prod(-1)
    return inter / union - (hull - union) / hull


def detr_matcher_cost(
    pred_logits, pred_boxes, tgt_labels, tgt_boxes, cost_class, cost_bbox, cost_giou
):
    prob = pred_logits.softmax(-1)
    class_cost = -prob[:, tgt_labels]
    bbox_cost = torch.cdist(xyxy(pred_boxes), xyxy(tgt_boxes), p=1)
    giou_cost = -giou(xyxy(pred_boxes), xyxy(tgt_boxes))
    return cost_bbox * bbox_cost + cost_class * class_cost + cost_giou * giou_cost
