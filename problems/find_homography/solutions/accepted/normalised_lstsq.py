# Normalised points, then least squares with h33 fixed to 1 (8 unknowns) instead of an SVD.
import numpy as np


def norm(p):
    c = p.mean(axis=0)
    s = np.sqrt(2) / np.mean(np.linalg.norm(p - c, axis=1))
    return np.array([[s, 0, -s * c[0]], [0, s, -s * c[1]], [0, 0, 1]])


def find_homography(src, dst):
    ts, td = norm(src), norm(dst)
    a = (np.c_[src, np.ones(len(src))] @ ts.T)[:, :2]
    b = (np.c_[dst, np.ones(len(dst))] @ td.T)[:, :2]
    x, y = a[:, 0], a[:, 1]
    u, v = b[:, 0], b[:, 1]
    zeros, ones = np.zeros_like(x), np.ones_like(x)
    m = np.concatenate([
        np.stack([x, y, ones, zeros, zeros, zeros, -u * x, -u * y], axis=1),
        np.stack([zeros, zeros, zeros, x, y, ones, -v * x, -v * y], axis=1),
    ])
    rhs = np.concatenate([u, v])
    h = np.append(np.linalg.lstsq(m, rhs, rcond=None)[0], 1.0).reshape(3, 3)
    h = np.linalg.inv(td) @ h @ ts
    return h / h[2, 2]
