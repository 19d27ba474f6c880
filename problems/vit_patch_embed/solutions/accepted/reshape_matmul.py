# Cut the image into patches with reshape/permute, then one matmul against the flattened weight.
import torch


def vit_patch_embed(images, weight, bias, cls_token, pos_embed):
    batch, channels, height, width = images.shape
    dim, patch = weight.shape[0], weight.shape[-1]
    rows, cols = height // patch, width // patch
    patches = images.reshape(batch, channels, rows, patch, cols, patch)
    # (B, i, j, c, u, v): patches row-major, each flattened in weight's (c, u, v) order.
    patches = patches.permute(0, 2, 4, 1, 3, 5).reshape(batch, rows * cols, -1)
    tokens = patches @ weight.reshape(dim, -1).T + bias
    cls = cls_token.expand(batch, 1, dim)
    return torch.cat([cls, tokens], dim=1) + pos_embed
