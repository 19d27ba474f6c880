# A loop over (batch, head) with 2-D matmuls; weights as exp(score - logsumexp), empty rows zeroed.
import numpy as np


def scaled_dot_product_attention(q, k, v, mask):
    b, h, l, d = q.shape
    out = np.zeros((b, h, l, v.shape[-1]))
    allowed = np.ones((l, k.shape[2]), bool) if mask is None else mask
    has_key = allowed.any(axis=1)
    for i in range(b):
        for j in range(h):
            scores = (q[i, j] / np.sqrt(d)) @ k[i, j].T
            scores[~allowed] = -np.inf
            top = scores.max(axis=1, keepdims=True)
            top[~has_key] = 0.0
            with np.errstate(divide="ignore"):
                log_total = np.log(np.exp(scores - top).sum(axis=1, keepdims=True)) + top
            weights = np.exp(scores - np.where(has_key[:, None], log_total, 0.0))
            weights[~has_key] = 0.0
            out[i, j] = weights @ v[i, j]
    return out
