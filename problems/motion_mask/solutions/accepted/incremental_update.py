# bg += alpha * (frame - bg): the same model written incrementally.
import numpy as np


def motion_mask(frames, alpha, threshold):
    bg = frames[0].astype(np.float64)
    out = np.empty(frames.shape, bool)
    for t, frame in enumerate(frames.astype(np.float64)):
        diff = frame - bg
        out[t] = np.abs(diff) > threshold
        bg += alpha * diff
    return out
