# Mistake: the plain straight-through estimator, gradient 1 everywhere, also for saturated values.
import torch


def fake_quant_ste(x, scale, zero_point, quant_min, quant_max):
    with torch.no_grad():
        q = torch.round(x / scale) + zero_point
        out = (q.clamp(quant_min, quant_max) - zero_point) * scale
    return out + (x - x.detach())
