import torch


def fake_quant_ste(
    x: torch.Tensor, scale: float, zero_point: int, quant_min: int, quant_max: int
) -> torch.Tensor:
    """Per-tensor affine fake quantisation with a straight-through gradient.

    x: float32 tensor of any shape; scale > 0; quant_min <= zero_point <= quant_max (ints).
    Forward: (clamp(round_half_even(x / scale) + zero_point, quant_min, quant_max)
              - zero_point) * scale, same shape, float32.
    Backward: the upstream gradient where the rounded, unclamped value is inside
    [quant_min, quant_max], 0 elsewhere.
    """
    return x.clone()
