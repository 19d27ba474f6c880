# Mistake: scores scaled by 1 / sqrt(E), the model width, instead of 1 / sqrt(head_dim).
import math

import torch


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
    batch, length, embed = query.shape
    sources = key.shape[1]
    head_dim = embed // num_heads
    w_q, w_k, w_v = in_proj_weight.chunk(3)
    b_q, b_k, b_v = in_proj_bias.chunk(3)
    q = query @ w_q.T + b_q
    k = key @ w_k.T + b_k
    v = value @ w_v.T + b_v
    q = q.view(batch, length, num_heads, head_dim).transpose(1, 2)
    k = k.view(batch, sources, num_heads, head_dim).transpose(1, 2)
    v = v.view(batch, sources, num_heads, head_dim).transpose(1, 2)
    scores = q @ k.transpose(-1, -2) / math.sqrt(embed)
    if key_padding_mask is not None:
        masked = key_padding_mask[:, None, None, :]
        empty = key_padding_mask.all(dim=1)[:, None, None, None]
        scores = scores.masked_fill(masked, float("-inf")).masked_fill(empty, 0.0)
        attention = torch.softmax(scores, dim=-1).masked_fill(empty, 0.0)
    else:
        attention = torch.softmax(scores, dim=-1)
    context = (attention @ v).transpose(1, 2).reshape(batch, length, embed)
    return context @ out_proj_weight.T + out_proj_bias
