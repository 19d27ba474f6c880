# float32 scores; a stable argsort marks the removed channels in a boolean mask, and the kept
# indices come out of nonzero() already in ascending order.
import math

import torch


def prune_conv_channels(conv1_weight, conv1_bias, conv2_weight, amount):
    out_channels = conv1_weight.shape[0]
    n_remove = math.floor(amount * out_channels + 1e-9)
    scores = conv1_weight.abs().sum(dim=(1, 2, 3))
    keep = torch.ones(out_channels, dtype=torch.bool)
    keep[torch.argsort(scores, stable=True)[:n_remove]] = False
    kept = keep.nonzero().flatten()
    return conv1_weight[keep], conv1_bias[keep], conv2_weight[:, keep], kept
