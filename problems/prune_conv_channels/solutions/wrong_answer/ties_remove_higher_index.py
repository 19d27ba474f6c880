# Mistake: keeps the largest scores with a stable descending sort; among equal scores the lower
# index then stays and the HIGHER index is removed first.
import math

import torch


def prune_conv_channels(conv1_weight, conv1_bias, conv2_weight, amount):
    out_channels = conv1_weight.shape[0]
    n_remove = math.floor(amount * out_channels + 1e-9)
    scores = conv1_weight.abs().sum(dim=(1, 2, 3))
    largest_first = torch.sort(scores, descending=True, stable=True).indices
    kept = torch.sort(largest_first[: out_channels - n_remove]).values
    return conv1_weight[kept], conv1_bias[kept], conv2_weight[:, kept], kept
