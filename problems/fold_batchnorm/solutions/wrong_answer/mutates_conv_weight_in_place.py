# Mistake: the deployment idiom conv.weight.data.mul_(scale): right values, but the caller's
# weight is overwritten.
import torch


def fold_batchnorm(conv_weight, conv_bias, bn_weight, bn_bias, running_mean, running_var, eps):
    scale = bn_weight / torch.sqrt(running_var + eps)
    fused_weight = conv_weight.mul_(scale[:, None, None, None])
    if conv_bias is None:
        conv_bias = torch.zeros_like(running_mean)
    return fused_weight, (conv_bias - running_mean) * scale + bn_bias
