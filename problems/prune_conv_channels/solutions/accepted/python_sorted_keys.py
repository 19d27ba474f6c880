# Scores as Python floats, sorted by (score, index) with Python's sort; then index_select.
import math

import torch


def prune_conv_channels(conv1_weight, conv1_bias, conv2_weight, amount):
    out_channels = conv1_weight.shape[0]
    n_remove = math.floor(amount * out_channels + 1e-9)
    scores = [float(conv1_weight[o].abs().sum()) for o in range(out_channels)]
    order = sorted(range(out_channels), key=lambda o: (scores[o], o))
    kept = torch.tensor(sorted(order[n_remove:]), dtype=torch.int64)
    return (
        conv1_weight.index_select(0, kept),
        conv1_bias.index_select(0, kept),
        conv2_weight.index_select(1, kept),
        kept,
    )
