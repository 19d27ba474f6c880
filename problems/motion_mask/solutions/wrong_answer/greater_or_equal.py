# Mistake: >= threshold counts a difference equal to the threshold as motion.
import numpy as np


def motion_mask(frames, alpha, threshold):
    bg = frames[0].astype(np.float64)
    out = np.empty(frames.shape, bool)
    for t, frame in enumerate(frames.astype(np.float64)):
        out[t] = np.abs(frame - bg) >= threshold
        bg = (1 - alpha) * bg + alpha * frame
    return out
