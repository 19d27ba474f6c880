# Mistake: projects points behind the camera instead of returning NaN (only z == 0 is NaN).
import numpy as np


def project_points(points, K, R, t):
    q = points @ R.T + t
    p = q @ K.T
    with np.errstate(divide="ignore", invalid="ignore"):
        out = p[:, :2] / p[:, 2:]
    out[q[:, 2] == 0] = np.nan
    return out
