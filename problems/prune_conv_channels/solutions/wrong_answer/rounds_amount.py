# Mistake: n_remove = round(amount * O): 0.25 * 6 = 1.5 rounds to 2 instead of flooring to 1.
import torch


def prune_conv_channels(conv1_weight, conv1_bias, conv2_weight, amount):
    out_channels = conv1_weight.shape[0]
    n_remove = round(amount * out_channels)
    scores = conv1_weight.abs().sum(dim=(1, 2, 3))
    kept = torch.sort(torch.argsort(scores, stable=True)[n_remove:]).values
    return conv1_weight[kept], conv1_bias[kept], conv2_weight[:, kept], kept
