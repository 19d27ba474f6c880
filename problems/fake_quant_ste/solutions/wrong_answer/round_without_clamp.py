# Mistake: forgets to clamp to [quant_min, quant_max]: values outside the range are not saturated.
import torch


def fake_quant_ste(x, scale, zero_point, quant_min, quant_max):
    with torch.no_grad():
        q = torch.round(x / scale) + zero_point
        inside = (q >= quant_min) & (q <= quant_max)
        out = (q - zero_point) * scale
    masked = torch.where(inside, x, torch.zeros_like(x))
    return out + (masked - masked.detach())
