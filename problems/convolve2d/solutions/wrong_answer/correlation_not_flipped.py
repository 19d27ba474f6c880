# Mistake: cross-correlation (the kernel is not flipped).
import numpy as np


def convolve2d(image, kernel):
    kh, kw = kernel.shape
    padded = np.pad(image, ((kh // 2, kh // 2), (kw // 2, kw // 2)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (kh, kw))
    return np.einsum("yxij,ij->yx", windows, kernel)
