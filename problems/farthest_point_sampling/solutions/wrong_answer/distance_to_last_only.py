# Mistake: farthest from the LAST chosen point, not from the whole chosen set.
import numpy as np


def farthest_point_sampling(points, k):
    chosen = [0]
    for _ in range(1, k):
        d = np.sum((points - points[chosen[-1]]) ** 2, axis=1)
        chosen.append(int(np.argmax(d)))
    return np.array(chosen, dtype=np.int64)
