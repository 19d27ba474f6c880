# A median-of-9 network of np.minimum / np.maximum over the nine shifted views.
import numpy as np


def median_filter3(image):
    p = np.pad(image, 1, mode="edge")
    h, w = image.shape
    v = [p[i : i + h, j : j + w] for i in range(3) for j in range(3)]

    def sort2(a, b):
        return np.minimum(v[a], v[b]), np.maximum(v[a], v[b])

    for a, b in [(1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8),
                 (0, 3), (5, 8), (4, 7), (3, 6), (1, 4), (2, 5), (4, 7), (4, 2), (6, 4), (4, 2)]:
        v[a], v[b] = sort2(a, b)
    return v[4].copy()
