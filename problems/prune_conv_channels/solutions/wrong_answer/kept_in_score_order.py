# Mistake: returns the kept channels in increasing score order instead of their original order.
import math

import torch


def prune_conv_channels(conv1_weight, conv1_bias, conv2_weight, amount):
    out_channels = conv1_weight.shape[0]
    n_remove = math.floor(amount * out_channels + 1e-9)
    scores = conv1_weight.abs().sum(dim=(1, 2, 3))
    kept = torch.argsort(scores, stable=True)[n_remove:]
    return conv1_weight[kept], conv1_bias[kept], conv2_weight[:, kept], kept
