# Mistake: normalises over the query axis instead of the key axis.
import numpy as np


def scaled_dot_product_attention(q, k, v, mask):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    m = scores.max(axis=-2, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    w = np.exp(scores - m)
    s = w.sum(axis=-2, keepdims=True)
    return np.divide(w, s, out=np.zeros_like(w), where=s > 0) @ v
