# Mistake: reflect padding at the borders instead of zeros.
# Diagnosis: border_only
import numpy as np


def convolve2d(image, kernel):
    kh, kw = kernel.shape
    padded = np.pad(image, ((kh // 2, kh // 2), (kw // 2, kw // 2)), mode="reflect")
    windows = np.lib.stride_tricks.sliding_window_view(padded, (kh, kw))
    return np.einsum("yxij,ij->yx", windows, kernel[::-1, ::-1])
