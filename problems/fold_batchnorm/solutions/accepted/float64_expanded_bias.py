# In float64, with the bias expanded as b*s - mean*s + beta; cast back to float32 at the end.
import torch


def fold_batchnorm(conv_weight, conv_bias, bn_weight, bn_bias, running_mean, running_var, eps):
    gamma = bn_weight.double()
    scale = gamma * torch.rsqrt(running_var.double() + eps)
    out_channels = conv_weight.shape[0]
    fused_weight = (conv_weight.double().reshape(out_channels, -1) * scale[:, None]).reshape(
        conv_weight.shape
    )
    bias = conv_bias.double() if conv_bias is not None else torch.zeros(out_channels).double()
    fused_bias = bias * scale - running_mean.double() * scale + bn_bias.double()
    return fused_weight.float(), fused_bias.float()
