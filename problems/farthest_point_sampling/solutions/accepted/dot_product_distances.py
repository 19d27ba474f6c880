# Squared distances through |p|^2 - 2 p.q + |q|^2 (different rounding from the reference).
import numpy as np


def farthest_point_sampling(points, k):
    sq = np.einsum("ij,ij->i", points, points)
    chosen = [0]
    nearest = sq - 2 * points @ points[0] + sq[0]
    for _ in range(1, k):
        i = int(np.argmax(nearest))
        chosen.append(i)
        nearest = np.minimum(nearest, sq - 2 * points @ points[i] + sq[i])
    return np.array(chosen, dtype=np.int64)
