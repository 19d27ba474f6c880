# Mistake: dw and dh are not clipped, so exp(dw) runs away on large codes.
import math

import torch

CLIP = math.log(1000.0 / 16)
PLUS = 0.0


def centre_size(b):
    w = b[:, 2] - b[:, 0] + PLUS
    h = b[:, 3] - b[:, 1] + PLUS
    return b[:, 0] + 0.5 * w, b[:, 1] + 0.5 * h, w, h


def box_coder(mode, weights, reference_boxes=None, proposals=None, rel_codes=None, boxes=None):
    wx, wy, ww, wh = weights
    if mode == "encode":
        pcx, pcy, pw, ph = centre_size(proposals)
        gcx, gcy, gw, gh = centre_size(reference_boxes)
        dx, dy = wx * (gcx - pcx) / pw, wy * (gcy - pcy) / ph
        dw, dh = ww * torch.log(gw / pw), wh * torch.log(gh / ph)
        return torch.stack([dx, dy, dw, dh], dim=1)
    cx, cy, w, h = (v[:, None] for v in centre_size(boxes))
    dx, dy = rel_codes[:, 0::4] / wx, rel_codes[:, 1::4] / wy
    dw, dh = rel_codes[:, 2::4] / ww, rel_codes[:, 3::4] / wh
    pcx, pcy = dx * w + cx, dy * h + cy
    pw, ph = torch.exp(dw) * w, torch.exp(dh) * h
    out = torch.stack([pcx - 0.5 * pw, pcy - 0.5 * ph, pcx + 0.5 * pw, pcy + 0.5 * ph], dim=2)
    return out.flatten(1)
