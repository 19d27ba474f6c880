# Mistake: ranks the filters by their L2 norm instead of L1.
import math

import torch


def prune_conv_channels(conv1_weight, conv1_bias, conv2_weight, amount):
    out_channels = conv1_weight.shape[0]
    n_remove = math.floor(amount * out_channels + 1e-9)
    scores = conv1_weight.reshape(out_channels, -1).norm(dim=1)
    kept = torch.sort(torch.argsort(scores, stable=True)[n_remove:]).values
    return conv1_weight[kept], conv1_bias[kept], conv2_weight[:, kept], kept
