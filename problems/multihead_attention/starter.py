import torch


def multihead_attention(
    query: torch.Tensor,
    key: torch.Tensor,
    value: torch.Tensor,
    in_proj_weight: torch.Tensor,
    in_proj_bias: torch.Tensor,
    out_proj_weight: torch.Tensor,
    out_proj_bias: torch.Tensor,
    num_heads: int,
    key_padding_mask: torch.Tensor | None,
) -> torch.Tensor:
    """Batch-first multi-head attention, as nn.MultiheadAttention(E, num_heads, batch_first=True).

    query (B, L, E); key, value (B, S, E); in_proj_weight (3E, E) = [Wq; Wk; Wv] and
    in_proj_bias (3E,); out_proj_weight (E, E), out_proj_bias (E,); head h uses features
    [h*hd, (h+1)*hd) with hd = E // num_heads, scores scaled by 1/sqrt(hd).
    key_padding_mask: None or bool (B, S), True = ignore that key. A batch row whose keys are
    all masked attends to nothing: its output is out_proj_bias, its gradients are 0.
    Returns (B, L, E) float32, differentiable in query, key and value.
    """
    raise NotImplementedError
