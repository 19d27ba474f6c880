# Mistake: exponentiates the raw scores; with logits near 1e4, exp overflows to inf and inf / inf is NaN.
import numpy as np


def scaled_dot_product_attention(q, k, v, mask):
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    with np.errstate(all="ignore"):
        w = np.exp(scores)
        if mask is not None:
            w = np.where(mask, w, 0.0)
        s = w.sum(axis=-1, keepdims=True)
        w = np.divide(w, s, out=np.zeros_like(w), where=s > 0)
    return w @ v
