# Mistake: computes the "valid" part and pads the result with zeros instead of padding the input.
# Diagnosis: border_only
import numpy as np


def convolve2d(image, kernel):
    kh, kw = kernel.shape
    if image.shape[0] < kh or image.shape[1] < kw:
        return np.zeros_like(image)
    windows = np.lib.stride_tricks.sliding_window_view(image, (kh, kw))
    valid = np.einsum("yxij,ij->yx", windows, kernel[::-1, ::-1])
    return np.pad(valid, ((kh // 2, kh // 2), (kw // 2, kw // 2)))
