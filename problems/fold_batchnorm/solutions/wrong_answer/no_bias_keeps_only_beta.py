# Mistake: without a conv bias, returns beta alone and forgets the -mean * scale term.
import torch


def fold_batchnorm(conv_weight, conv_bias, bn_weight, bn_bias, running_mean, running_var, eps):
    scale = bn_weight / torch.sqrt(running_var + eps)
    fused_weight = conv_weight * scale[:, None, None, None]
    if conv_bias is None:
        return fused_weight, bn_bias.clone()
    return fused_weight, (conv_bias - running_mean) * scale + bn_bias
