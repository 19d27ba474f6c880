# Mistake: pixel "+1" convention for widths and heights.
import numpy as np


def box_iou(boxes_a, boxes_b):
    a, b = boxes_a, boxes_b
    area_a = (a[:, 2] - a[:, 0] + 1) * (a[:, 3] - a[:, 1] + 1)
    area_b = (b[:, 2] - b[:, 0] + 1) * (b[:, 3] - b[:, 1] + 1)
    w = np.clip(np.minimum(a[:, None, 2], b[:, 2]) - np.maximum(a[:, None, 0], b[:, 0]) + 1, 0, None)
    h = np.clip(np.minimum(a[:, None, 3], b[:, 3]) - np.maximum(a[:, None, 1], b[:, 1]) + 1, 0, None)
    inter = w * h
    return inter / (area_a[:, None] + area_b[None, :] - inter)
