# Mistake: takes the SVD of a^T b without centring the sets.
import numpy as np


def kabsch(a, b):
    u, _, vt = np.linalg.svd(a.T @ b)
    d = np.sign(np.linalg.det(vt.T @ u.T)) or 1.0
    r = vt.T @ np.diag([1, 1, d]) @ u.T
    return r, b.mean(axis=0) - r @ a.mean(axis=0)
