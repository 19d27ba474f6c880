# By hand: one scale per output channel, broadcast over (I, kh, kw); new tensors, inputs untouched.
import torch


def fold_batchnorm(conv_weight, conv_bias, bn_weight, bn_bias, running_mean, running_var, eps):
    scale = bn_weight / torch.sqrt(running_var + eps)
    fused_weight = conv_weight * scale.view(-1, 1, 1, 1)
    if conv_bias is None:
        conv_bias = torch.zeros_like(running_mean)
    fused_bias = (conv_bias - running_mean) * scale + bn_bias
    return fused_weight, fused_bias
