# Sum over the P*P offsets inside a patch: each offset (u, v) is a strided slice of the image.
import torch


def vit_patch_embed(images, weight, bias, cls_token, pos_embed):
    batch = images.shape[0]
    dim, patch = weight.shape[0], weight.shape[-1]
    tokens = None
    for u in range(patch):
        for v in range(patch):
            pixels = images[:, :, u::patch, v::patch]  # (B, C, H/P, W/P)
            term = torch.einsum("bcij,dc->bijd", pixels, weight[:, :, u, v])
            tokens = term if tokens is None else tokens + term
    tokens = tokens.reshape(batch, -1, dim) + bias
    cls = cls_token.expand(batch, 1, dim)
    return torch.cat([cls, tokens], dim=1) + pos_embed
