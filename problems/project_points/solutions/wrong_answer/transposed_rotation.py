# Mistake: applies R.T (the inverse rotation).
import numpy as np


def project_points(points, K, R, t):
    q = points @ R + t
    p = q @ K.T
    out = np.full((len(points), 2), np.nan)
    ok = q[:, 2] > 0
    out[ok] = p[ok, :2] / p[ok, 2:]
    return out
