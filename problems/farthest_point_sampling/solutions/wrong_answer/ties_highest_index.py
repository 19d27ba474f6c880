# Mistake: ties go to the highest index (argmax of the reversed array).
import numpy as np


def farthest_point_sampling(points, k):
    chosen = [0]
    nearest = np.sum((points - points[0]) ** 2, axis=1)
    n = len(points)
    for _ in range(1, k):
        i = n - 1 - int(np.argmax(nearest[::-1]))
        chosen.append(i)
        nearest = np.minimum(nearest, np.sum((points - points[i]) ** 2, axis=1))
    return np.array(chosen, dtype=np.int64)
