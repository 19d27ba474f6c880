# Mistake: treats True as "masked out" (the opposite convention).
import numpy as np


def scaled_dot_product_attention(q, k, v, mask):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    allowed = np.ones(scores.shape[-2:], bool) if mask is None else ~mask
    scores = np.where(allowed, scores, -np.inf)
    m = scores.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    w = np.where(allowed, np.exp(scores - m), 0)
    s = w.sum(axis=-1, keepdims=True)
    return np.divide(w, s, out=np.zeros_like(w), where=s > 0) @ v
