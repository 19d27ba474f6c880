# F.linear for the projections, heads folded into the batch for bmm, and a softmax written out:
# subtract the largest kept score, exponentiate, zero the masked keys, divide by the sum
# (clamped away from 0, so a row with no kept key gives 0 / tiny = 0 with finite gradients).
import math

import torch
import torch.nn.functional as F


def split_heads(x, num_heads):
    batch, length, embed = x.shape
    x = x.view(batch, length, num_heads, embed // num_heads).transpose(1, 2)
    return x.reshape(batch * num_heads, length, embed // num_heads)


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
    q = F.linear(query, in_proj_weight[:embed], in_proj_bias[:embed])
    k = F.linear(key, in_proj_weight[embed : 2 * embed], in_proj_bias[embed : 2 * embed])
    v = F.linear(value, in_proj_weight[2 * embed :], in_proj_bias[2 * embed :])
    q, k, v = (split_heads(x, num_heads) for x in (q, k, v))

    scores = torch.bmm(q * (1.0 / math.sqrt(head_dim)), k.transpose(1, 2))  # (B*h, L, S)
    if key_padding_mask is None:
        keep = torch.ones(batch, sources, dtype=scores.dtype)
    else:
        keep = (~key_padding_mask).to(scores.dtype)
    keep = keep.repeat_interleave(num_heads, dim=0)[:, None, :]  # (B*h, 1, S)

    peak = torch.where(keep > 0, scores, torch.full_like(scores, -1e30)).amax(-1, keepdim=True)
    peak = torch.where(keep.sum(-1, keepdim=True) > 0, peak, torch.zeros_like(peak)).detach()
    exps = torch.exp(torch.where(keep > 0, scores - peak, torch.zeros_like(scores))) * keep
    attention = exps / exps.sum(-1, keepdim=True).clamp(min=1e-30)

    context = torch.bmm(attention, v).view(batch, num_heads, length, head_dim)
    context = context.transpose(1, 2).reshape(batch, length, embed)
    return F.linear(context, out_proj_weight, out_proj_bias)
