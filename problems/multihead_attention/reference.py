import torch
from torch import nn


def multihead_attention(
    query,
    key,
    value,
    in_proj_weight,
    in_proj_bias,
    out_proj_weight,
    out_proj_bias,
    num_heads,
    key_padding_mask,
):
    """nn.MultiheadAttention itself, in training mode with need_weights=False (the SDPA path):
    there a fully masked batch row gets zero attention weights, not the NaN of the other paths.
    """
    embed_dim = query.shape[-1]
    module = nn.MultiheadAttention(embed_dim, num_heads, dropout=0.0, bias=True, batch_first=True)
    with torch.no_grad():
        module.in_proj_weight.copy_(in_proj_weight)
        module.in_proj_bias.copy_(in_proj_bias)
        module.out_proj.weight.copy_(out_proj_weight)
        module.out_proj.bias.copy_(out_proj_bias)
    module.train()
    out, _ = module(query, key, value, key_padding_mask=key_padding_mask, need_weights=False)
    return out
