# Mistake: masked scores filled with -1e9: where every key of a row is masked, the softmax
# then attends uniformly to the padding instead of to nothing.
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
    scores = q @ k.transpose(-1, -2) / math.sqrt(head_dim)
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask[:, None, None, :], -1e9)
    attention = torch.softmax(scores, dim=-1)
    context = (attention @ v).transpose(1, 2).reshape(batch, length, embed)
    return context @ out_proj_weight.T + out_proj_bias
