import torch


def fake_quant_ste(x, scale, zero_point, quant_min, quant_max):
    # torch's kernel: round-half-even(x * (1/scale)) + zero_point, clamped; its backward passes
    # the gradient where the rounded, unclamped value lies in [quant_min, quant_max].
    return torch.fake_quantize_per_tensor_affine(x, scale, zero_point, quant_min, quant_max)
