# float32 throughout: encode's size codes as a difference of logs, decode writing each of the
# four output coordinates into its strided columns of a preallocated result.
import math

import torch

CLIP = math.log(1000.0 / 16)


def box_coder(mode, weights, reference_boxes=None, proposals=None, rel_codes=None, boxes=None):
    wx, wy, ww, wh = (float(v) for v in weights)
    if mode == "encode":
        px1, py1, px2, py2 = proposals.unbind(1)
        gx1, gy1, gx2, gy2 = reference_boxes.unbind(1)
        pw, ph, gw, gh = px2 - px1, py2 - py1, gx2 - gx1, gy2 - gy1
        dx = wx * ((gx1 + 0.5 * gw) - (px1 + 0.5 * pw)) / pw
        dy = wy * ((gy1 + 0.5 * gh) - (py1 + 0.5 * ph)) / ph
        dw = ww * (torch.log(gw) - torch.log(pw))
        dh = wh * (torch.log(gh) - torch.log(ph))
        return torch.stack([dx, dy, dw, dh], dim=1)

    x1, y1, x2, y2 = boxes[:, 0:1], boxes[:, 1:2], boxes[:, 2:3], boxes[:, 3:4]
    width, height = x2 - x1, y2 - y1
    cx, cy = x1 + 0.5 * width, y1 + 0.5 * height
    centre_x = cx + rel_codes[:, 0::4] / wx * width
    centre_y = cy + rel_codes[:, 1::4] / wy * height
    half_w = 0.5 * width * torch.exp(torch.minimum(rel_codes[:, 2::4] / ww, torch.tensor(CLIP)))
    half_h = 0.5 * height * torch.exp(torch.minimum(rel_codes[:, 3::4] / wh, torch.tensor(CLIP)))
    out = torch.empty_like(rel_codes)
    out[:, 0::4] = centre_x - half_w
    out[:, 1::4] = centre_y - half_h
    out[:, 2::4] = centre_x + half_w
    out[:, 3::4] = centre_y + half_h
    return out
