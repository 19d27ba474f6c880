import numpy as np


def farthest_point_sampling(points, k):
    points = np.asarray(points, dtype=np.float64).reshape(-1, 3)
    chosen = np.zeros(k, dtype=np.int64)
    nearest = np.sum((points - points[0]) ** 2, axis=1)
    for step in range(1, k):
        chosen[step] = int(np.argmax(nearest))  # argmax: the lowest index among ties
        nearest = np.minimum(nearest, np.sum((points - points[chosen[step]]) ** 2, axis=1))
    return chosen
