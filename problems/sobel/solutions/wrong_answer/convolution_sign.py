# Mistake: true convolution (kernel flipped), which negates both derivatives.
# Diagnosis: sign_flipped
import numpy as np


def sobel(image):
    p = np.pad(image, 1, mode="reflect")
    smooth_rows = p[:-2, :] + 2 * p[1:-1, :] + p[2:, :]
    gx = smooth_rows[:, :-2] - smooth_rows[:, 2:]
    smooth_cols = p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:]
    gy = smooth_cols[:-2, :] - smooth_cols[2:, :]
    return gx, gy
