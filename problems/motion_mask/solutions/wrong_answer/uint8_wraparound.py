# Mistake: subtracts in uint8, so "darker than the background" wraps around to large values.
# No diagnosis: the wrap happens to the difference inside the computation; the returned mask
# is boolean and holds no wrapped value, so no transformation of it reproduces the answer.
import numpy as np


def motion_mask(frames, alpha, threshold):
    bg = frames[0].astype(np.float64)
    out = np.empty(frames.shape, bool)
    for t, frame in enumerate(frames):
        out[t] = (frame - bg.astype(np.uint8)) > threshold
        bg = (1 - alpha) * bg + alpha * frame
    return out
