import numpy as np


def match_detections(
    pred_boxes: np.ndarray, pred_scores: np.ndarray, gt_boxes: np.ndarray, iou_threshold: float
) -> np.ndarray:
    """COCO greedy matching: True for predictions matched to a still-free ground truth."""
    raise NotImplementedError
