# einsum for the products; masked entries set to a very negative number, empty rows zeroed.
import numpy as np


def scaled_dot_product_attention(q, k, v, mask):
    scores = np.einsum("bhld,bhsd->bhls", q, k) / np.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -1e300)
    scores = scores - scores.max(axis=-1, keepdims=True)
    w = np.exp(scores)
    if mask is not None:
        w = w * mask
    s = w.sum(axis=-1, keepdims=True)
    w = np.where(s > 0, w / np.where(s > 0, s, 1), 0)
    return np.einsum("bhls,bhsv->bhlv", w, v)
