import torch


def detr_matcher_cost(
    pred_logits: torch.Tensor,
    pred_boxes: torch.Tensor,
    tgt_labels: torch.Tensor,
    tgt_boxes: torch.Tensor,
    cost_class: float,
    cost_bbox: float,
    cost_giou: float,
) -> torch.Tensor:
    """DETR's Hungarian-matcher cost matrix for one image, before linear_sum_assignment.

    pred_logits: (Q, K + 1) float32, the last column is "no object"; pred_boxes: (Q, 4) and
    tgt_boxes: (T, 4) float32 (cx, cy, w, h); tgt_labels: (T,) int64 in [0, K).
    Returns (Q, T) float32: cost_bbox * L1(cxcywh) - cost_class * softmax(logits)[q, label]
    - cost_giou * GIoU(xyxy boxes).
    """
    raise NotImplementedError
