# Mistake: returns R.T (maps b onto a).
import numpy as np


def kabsch(a, b):
    ca, cb = a.mean(axis=0), b.mean(axis=0)
    u, _, vt = np.linalg.svd((a - ca).T @ (b - cb))
    d = np.sign(np.linalg.det(vt.T @ u.T)) or 1.0
    r = (vt.T @ np.diag([1, 1, d]) @ u.T).T
    return r, cb - r @ ca
