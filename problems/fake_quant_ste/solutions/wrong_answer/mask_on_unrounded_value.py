# Mistake: the gradient mask tests x / scale + zero_point before rounding, so a value up to half
# a step past the edge (which rounds onto quant_max) loses its gradient.
import torch


def fake_quant_ste(x, scale, zero_point, quant_min, quant_max):
    v = x / scale + zero_point
    inside = (v >= quant_min) & (v <= quant_max)
    with torch.no_grad():
        q = torch.round(x / scale) + zero_point
        out = (q.clamp(quant_min, quant_max) - zero_point) * scale
    masked = torch.where(inside, x, torch.zeros_like(x))
    return out + (masked - masked.detach())
