# In float64, codes viewed as (N, K, 4) with K taken from the column count (a reshape with -1
# fails for N = 0), centres and sizes as (N, 2) pairs, the result cast back to float32.
import math

import torch

CLIP = math.log(1000.0 / 16)


def centres_and_sizes(xyxy):
    size = xyxy[:, 2:] - xyxy[:, :2]
    return xyxy[:, :2] + 0.5 * size, size


def box_coder(mode, weights, reference_boxes=None, proposals=None, rel_codes=None, boxes=None):
    w = torch.tensor(list(weights), dtype=torch.float64)
    if mode == "encode":
        p_centre, p_size = centres_and_sizes(proposals.double())
        g_centre, g_size = centres_and_sizes(reference_boxes.double())
        offsets = (g_centre - p_centre) / p_size * w[:2]
        scales = torch.log(g_size / p_size) * w[2:]
        return torch.cat([offsets, scales], dim=1).float()

    n, k = rel_codes.shape[0], rel_codes.shape[1] // 4
    codes = rel_codes.double().reshape(n, k, 4) / w
    centre, size = centres_and_sizes(boxes.double())
    new_centre = codes[..., :2] * size[:, None] + centre[:, None]
    new_size = torch.exp(codes[..., 2:].clamp(max=CLIP)) * size[:, None]
    corners = torch.cat([new_centre - 0.5 * new_size, new_centre + 0.5 * new_size], dim=2)
    return corners.reshape(n, 4 * k).float()
