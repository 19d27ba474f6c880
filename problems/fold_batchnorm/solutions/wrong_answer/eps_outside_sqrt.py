# Mistake: divides by sqrt(var) + eps instead of sqrt(var + eps): a channel with var = 0 explodes.
import torch


def fold_batchnorm(conv_weight, conv_bias, bn_weight, bn_bias, running_mean, running_var, eps):
    scale = bn_weight / (torch.sqrt(running_var) + eps)
    if conv_bias is None:
        conv_bias = torch.zeros_like(running_mean)
    return conv_weight * scale[:, None, None, None], (conv_bias - running_mean) * scale + bn_bias
