import math

import torch


def prune_conv_channels(conv1_weight, conv1_bias, conv2_weight, amount):
    out_channels = conv1_weight.shape[0]
    n_remove = math.floor(amount * out_channels + 1e-9)
    # float64 L1 norms; a stable ascending sort puts the lower index first among equal scores.
    scores = conv1_weight.double().abs().reshape(out_channels, -1).sum(dim=1)
    order = torch.sort(scores, stable=True).indices
    kept = torch.sort(order[n_remove:]).values
    return conv1_weight[kept], conv1_bias[kept], conv2_weight[:, kept], kept
