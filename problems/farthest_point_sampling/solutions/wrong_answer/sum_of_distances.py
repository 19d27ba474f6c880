# Mistake: maximises the SUM of distances to the chosen points instead of the minimum.
import numpy as np


def farthest_point_sampling(points, k):
    chosen = [0]
    total = np.sqrt(np.sum((points - points[0]) ** 2, axis=1))
    for _ in range(1, k):
        i = int(np.argmax(total))
        chosen.append(i)
        total = total + np.sqrt(np.sum((points - points[i]) ** 2, axis=1))
    return np.array(chosen, dtype=np.int64)
