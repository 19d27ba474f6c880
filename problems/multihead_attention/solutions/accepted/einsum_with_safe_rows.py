# einsum over (batch, head, query, key); masked keys get -inf, and a batch row with every key
# masked gets finite scores (0) before the softmax and its weights multiplied by 0 after it,
# so neither the output nor the gradient sees a NaN.
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
    q = (query @ w_q.T + b_q).reshape(batch, length, num_heads, head_dim)
    k = (key @ w_k.T + b_k).reshape(batch, sources, num_heads, head_dim)
    v = (value @ w_v.T + b_v).reshape(batch, sources, num_heads, head_dim)

    scores = torch.einsum("blhd,bshd->bhls", q, k) / math.sqrt(head_dim)
    if key_padding_mask is not None:
        masked = key_padding_mask[:, None, None, :]  # (B, 1, 1, S)
        empty = key_padding_mask.all(dim=1)[:, None, None, None]
        scores = scores.masked_fill(masked, float("-inf"))
        scores = torch.where(empty, torch.zeros_like(scores), scores)
        attention = torch.softmax(scores, dim=-1) * (~empty).to(scores.dtype)
    else:
        attention = torch.softmax(scores, dim=-1)

    context = torch.einsum("bhls,bshd->blhd", attention, v).reshape(batch, length, embed)
    return context @ out_proj_weight.T + out_proj_bias
