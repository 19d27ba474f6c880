# Mistake: returns the unit-norm singular vector without dividing by H[2, 2].
import numpy as np


def find_homography(src, dst):
    rows = []
    for (x, y), (u, v) in zip(src, dst):
        rows.append([-x, -y, -1, 0, 0, 0, u * x, u * y, u])
        rows.append([0, 0, 0, -x, -y, -1, v * x, v * y, v])
    return np.linalg.svd(np.array(rows))[2][-1].reshape(3, 3)
