# Mistake: uses only fx, fy, cx, cy, dropping the skew term.
import numpy as np


def project_points(points, K, R, t):
    q = points @ R.T + t
    out = np.full((len(points), 2), np.nan)
    ok = q[:, 2] > 0
    out[ok, 0] = K[0, 0] * q[ok, 0] / q[ok, 2] + K[0, 2]
    out[ok, 1] = K[1, 1] * q[ok, 1] / q[ok, 2] + K[1, 2]
    return out
