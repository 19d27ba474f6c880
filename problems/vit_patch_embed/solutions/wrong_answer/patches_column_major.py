# Mistake: orders the patches column by column (j slow, i fast) instead of row by row.
import torch


def vit_patch_embed(images, weight, bias, cls_token, pos_embed):
    batch, channels, height, width = images.shape
    dim, patch = weight.shape[0], weight.shape[-1]
    rows, cols = height // patch, width // patch
    patches = images.reshape(batch, channels, rows, patch, cols, patch)
    patches = patches.permute(0, 4, 2, 1, 3, 5).reshape(batch, rows * cols, -1)
    tokens = patches @ weight.reshape(dim, -1).T + bias
    return torch.cat([cls_token.expand(batch, 1, dim), tokens], dim=1) + pos_embed
