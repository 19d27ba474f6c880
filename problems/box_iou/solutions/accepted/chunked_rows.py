# Row blocks of boxes_a against all of boxes_b, with explicit masking for empty unions.
import numpy as np


def box_iou(boxes_a, boxes_b):
    n, m = len(boxes_a), len(boxes_b)
    out = np.zeros((n, m))
    area_b = (boxes_b[:, 2] - boxes_b[:, 0]) * (boxes_b[:, 3] - boxes_b[:, 1])
    for start in range(0, n, 512):
        a = boxes_a[start : start + 512]
        area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
        lt = np.maximum(a[:, None, :2], boxes_b[None, :, :2])
        rb = np.minimum(a[:, None, 2:], boxes_b[None, :, 2:])
        wh = np.clip(rb - lt, 0, None)
        inter = wh[..., 0] * wh[..., 1]
        union = area_a[:, None] + area_b[None, :] - inter
        block = np.zeros_like(inter)
        nonzero = union > 0
        block[nonzero] = inter[nonzero] / union[nonzero]
        out[start : start + 512] = block
    return out
