# Mistake: learns from the frame before comparing it, so motion is partly absorbed.
import numpy as np


def motion_mask(frames, alpha, threshold):
    bg = frames[0].astype(np.float64)
    out = np.empty(frames.shape, bool)
    for t, frame in enumerate(frames.astype(np.float64)):
        bg = (1 - alpha) * bg + alpha * frame
        out[t] = np.abs(frame - bg) > threshold
    return out
