# Everything in float64 with explicit broadcasting: log_softmax(...).exp() for the
# probabilities, the L1 as a broadcast difference, GIoU written as IoU - 1 + U / A_c.
import torch


def corners(boxes):
    centre, size = boxes[:, :2], boxes[:, 2:]
    return centre - size / 2, centre + size / 2


def detr_matcher_cost(
    pred_logits, pred_boxes, tgt_labels, tgt_boxes, cost_class, cost_bbox, cost_giou
):
    logits = pred_logits.double()
    pred, tgt = pred_boxes.double(), tgt_boxes.double()
    prob = logits.log_softmax(dim=1).exp()
    class_cost = -prob.index_select(1, tgt_labels)

    bbox_cost = (pred[:, None, :] - tgt[None, :, :]).abs().sum(dim=2)

    p_lo, p_hi = corners(pred)
    t_lo, t_hi = corners(tgt)
    inter_wh = (torch.minimum(p_hi[:, None], t_hi[None]) - torch.maximum(p_lo[:, None], t_lo[None]))
    inter = inter_wh.clamp(min=0).prod(dim=2)
    area_p = (p_hi - p_lo).prod(dim=1)
    area_t = (t_hi - t_lo).prod(dim=1)
    union = area_p[:, None] + area_t[None, :] - inter
    hull = (torch.maximum(p_hi[:, None], t_hi[None]) - torch.minimum(p_lo[:, None], t_lo[None]))
    hull_area = hull.prod(dim=2)
    giou = inter / union - 1 + union / hull_area

    cost = cost_bbox * bbox_cost + cost_class * class_cost - cost_giou * giou
    return cost.float()
