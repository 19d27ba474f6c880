# Mistake: n_remove = int(amount * O): 0.29 * 100 = 28.999999999999996 gives 28, not 29.
import torch


def prune_conv_channels(conv1_weight, conv1_bias, conv2_weight, amount):
    out_channels = conv1_weight.shape[0]
    n_remove = int(amount * out_channels)
    scores = conv1_weight.abs().sum(dim=(1, 2, 3))
    kept = torch.sort(torch.argsort(scores, stable=True)[n_remove:]).values
    return conv1_weight[kept], conv1_bias[kept], conv2_weight[:, kept], kept
