# Mistake: reflect-101 borders (numpy "reflect") instead of replication.
# Diagnosis: border_only
import numpy as np


def median_filter3(image):
    p = np.pad(image, 1, mode="reflect") if min(image.shape) > 1 else np.pad(image, 1, mode="edge")
    h, w = image.shape
    stack = np.stack([p[i : i + h, j : j + w] for i in range(3) for j in range(3)])
    return np.partition(stack, 4, axis=0)[4]
