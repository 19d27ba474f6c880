# One column per target, in float32: the no-object column is kept in a max-shifted softmax,
# and each column's GIoU is computed from the coordinates split into named vectors.
import torch


def detr_matcher_cost(
    pred_logits, pred_boxes, tgt_labels, tgt_boxes, cost_class, cost_bbox, cost_giou
):
    shifted = pred_logits - pred_logits.max(dim=1, keepdim=True).values
    weights = shifted.exp()
    prob = weights / weights.sum(dim=1, keepdim=True)

    cx, cy, w, h = pred_boxes.unbind(1)
    px1, py1, px2, py2 = cx - 0.5 * w, cy - 0.5 * h, cx + 0.5 * w, cy + 0.5 * h
    p_area = (px2 - px1) * (py2 - py1)

    columns = []
    for t in range(tgt_boxes.shape[0]):
        tcx, tcy, tw, th = tgt_boxes[t].tolist()
        tx1, ty1, tx2, ty2 = tcx - 0.5 * tw, tcy - 0.5 * th, tcx + 0.5 * tw, tcy + 0.5 * th
        iw = (torch.clamp(px2, max=tx2) - torch.clamp(px1, min=tx1)).clamp(min=0)
        ih = (torch.clamp(py2, max=ty2) - torch.clamp(py1, min=ty1)).clamp(min=0)
        inter = iw * ih
        union = p_area + (tx2 - tx1) * (ty2 - ty1) - inter
        hull = (torch.clamp(px2, min=tx2) - torch.clamp(px1, max=tx1)) * (
            torch.clamp(py2, min=ty2) - torch.clamp(py1, max=ty1)
        )
        giou = inter / union - (hull - union) / hull
        l1 = (pred_boxes - tgt_boxes[t]).abs().sum(dim=1)
        label = int(tgt_labels[t])
        columns.append(cost_bbox * l1 - cost_class * prob[:, label] - cost_giou * giou)
    if not columns:
        return pred_logits.new_zeros((pred_logits.shape[0], 0))
    return torch.stack(columns, dim=1)
