# Correct, but pure Python: one multiply-add at a time (ViT-Base: 1.9 million query-key pairs).
import math

import numpy as np


def scaled_dot_product_attention(q, k, v, mask):
    b, h, l, d = q.shape
    s, dv = k.shape[2], v.shape[3]
    scale = 1.0 / math.sqrt(d)
    qs, ks, vs = q.tolist(), k.tolist(), v.tolist()
    allowed = [[True] * s for _ in range(l)] if mask is None else mask.tolist()
    out = np.zeros((b, h, l, dv))
    for bi in range(b):
        for hi in range(h):
            for li in range(l):
                row = qs[bi][hi][li]
                scores = []
                for si in range(s):
                    if allowed[li][si]:
                        key = ks[bi][hi][si]
                        scores.append((si, sum(a * c for a, c in zip(row, key)) * scale))
                if not scores:
                    continue
                top = max(score for _, score in scores)
                weights = [(si, math.exp(score - top)) for si, score in scores]
                total = sum(weight for _, weight in weights)
                acc = [0.0] * dv
                for si, weight in weights:
                    value = vs[bi][hi][si]
                    for t in range(dv):
                        acc[t] += weight / total * value[t]
                out[bi, hi, li] = acc
    return out
