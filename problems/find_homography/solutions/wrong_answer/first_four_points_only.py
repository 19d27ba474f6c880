# Mistake: solves exactly from the first four matches and ignores the rest (fine without
# noise, far off with it).
import numpy as np


def find_homography(src, dst):
    rows = []
    for (x, y), (u, v) in zip(src[:4], dst[:4]):
        rows.append([-x, -y, -1, 0, 0, 0, u * x, u * y, u])
        rows.append([0, 0, 0, -x, -y, -1, v * x, v * y, v])
    h = np.linalg.svd(np.array(rows))[2][-1].reshape(3, 3)
    return h / h[2, 2]
