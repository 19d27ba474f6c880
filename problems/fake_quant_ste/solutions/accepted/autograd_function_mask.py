# A custom autograd.Function: the forward saves the in-range mask, the backward applies it.
import torch


class FakeQuant(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, scale, zero_point, quant_min, quant_max):
        inv_scale = 1.0 / torch.tensor(scale, dtype=torch.float32)
        q = torch.round(x * inv_scale) + zero_point
        ctx.save_for_backward((q >= quant_min) & (q <= quant_max))
        return (q.clamp(quant_min, quant_max) - zero_point) * torch.tensor(scale)

    @staticmethod
    def backward(ctx, grad_out):
        (inside,) = ctx.saved_tensors
        return grad_out * inside, None, None, None, None


def fake_quant_ste(x, scale, zero_point, quant_min, quant_max):
    return FakeQuant.apply(x, scale, zero_point, quant_min, quant_max)
