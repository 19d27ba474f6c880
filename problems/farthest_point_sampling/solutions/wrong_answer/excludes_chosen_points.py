# Mistake: never re-chooses a point, so with exhausted duplicates it picks a new index instead of 0.
import numpy as np


def farthest_point_sampling(points, k):
    chosen = [0]
    nearest = np.sum((points - points[0]) ** 2, axis=1)
    nearest[0] = -1
    for _ in range(1, k):
        i = int(np.argmax(nearest))
        chosen.append(i)
        nearest = np.minimum(nearest, np.sum((points - points[i]) ** 2, axis=1))
        nearest[chosen] = -1
    return np.array(chosen, dtype=np.int64)
