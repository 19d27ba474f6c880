# Correct, but recomputes the distance to every chosen point at every step: O(N k^2).
import numpy as np


def farthest_point_sampling(points, k):
    chosen = [0]
    for _ in range(1, k):
        best = np.full(len(points), np.inf)
        for c in chosen:
            best = np.minimum(best, np.sum((points - points[c]) ** 2, axis=1))
        chosen.append(int(np.argmax(best)))
    return np.array(chosen, dtype=np.int64)
