import numpy as np


def project_points(points, K, R, t):
    points = np.asarray(points, dtype=np.float64).reshape(-1, 3)
    camera = points @ np.asarray(R, dtype=np.float64).T + np.asarray(t, dtype=np.float64)
    pixels = camera @ np.asarray(K, dtype=np.float64).T
    out = np.full((len(points), 2), np.nan)
    front = camera[:, 2] > 0
    out[front] = pixels[front, :2] / pixels[front, 2:3]
    return out
