# Mistake: masks with a finite -1e9 (the common masked_fill idiom), so a row with no allowed key
# gets uniform weights and returns the mean of v instead of zeros.
import numpy as np


def scaled_dot_product_attention(q, k, v, mask):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -1e9)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    return (w / w.sum(axis=-1, keepdims=True)) @ v
