# Writes out the pinhole formula per coordinate instead of multiplying by K.
import numpy as np


def project_points(points, K, R, t):
    q = (R @ points.T).T + t
    x, y, z = q[:, 0], q[:, 1], q[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        u = (K[0, 0] * x + K[0, 1] * y) / z + K[0, 2]
        v = (K[1, 1] * y) / z + K[1, 2]
    out = np.stack([u, v], axis=1)
    out[z <= 0] = np.nan
    return out
