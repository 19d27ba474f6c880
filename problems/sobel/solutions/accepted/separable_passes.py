# Separable: smooth [1, 2, 1] along one axis, central difference along the other.
import numpy as np


def sobel(image):
    p = np.pad(image, 1, mode="reflect")  # numpy's "reflect" is OpenCV's reflect-101
    smooth_rows = p[:-2, :] + 2 * p[1:-1, :] + p[2:, :]
    gx = smooth_rows[:, 2:] - smooth_rows[:, :-2]
    smooth_cols = p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:]
    gy = smooth_cols[2:, :] - smooth_cols[:-2, :]
    return gx, gy
