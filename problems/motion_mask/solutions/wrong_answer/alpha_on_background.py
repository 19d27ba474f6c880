# Mistake: weights swapped: alpha on the old background, 1 - alpha on the new frame.
import numpy as np


def motion_mask(frames, alpha, threshold):
    bg = frames[0].astype(np.float64)
    out = np.empty(frames.shape, bool)
    for t, frame in enumerate(frames.astype(np.float64)):
        out[t] = np.abs(frame - bg) > threshold
        bg = alpha * bg + (1 - alpha) * frame
    return out
