# Mistake: R = V U^T straight from the SVD; a reflection when det is -1.
import numpy as np


def kabsch(a, b):
    ca, cb = a.mean(axis=0), b.mean(axis=0)
    u, _, vt = np.linalg.svd((a - ca).T @ (b - cb))
    r = vt.T @ u.T
    return r, cb - r @ ca
