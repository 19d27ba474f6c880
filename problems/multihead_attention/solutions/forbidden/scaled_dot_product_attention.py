# Forbidden: the attention itself through F.scaled_dot_product_attention (its boolean mask is
# True = attend, hence the inversion), reached under another name.
import torch.nn.functional as F
from torch.nn.functional import scaled_dot_product_attention as attend


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
    q, k, v = (
        F.linear(x, w, b).view(batch, -1, num_heads, embed // num_heads).transpose(1, 2)
        for x, w, b in zip(
            (query, key, value), in_proj_weight.chunk(3), in_proj_bias.chunk(3), strict=True
        )
    )
    mask = None if key_padding_mask is None else ~key_padding_mask[:, None, None, :]
    context = attend(q, k, v, attn_mask=mask).transpose(1, 2).reshape(batch, length, embed)
    return F.linear(context, out_proj_weight, out_proj_bias)
