import numpy as np


def motion_mask(frames, alpha, threshold):
    frames = np.asarray(frames)
    background = frames[0].astype(np.float64)
    mask = np.zeros(frames.shape, dtype=bool)
    for t in range(len(frames)):
        frame = frames[t].astype(np.float64)
        mask[t] = np.abs(frame - background) > threshold
        background = (1 - alpha) * background + alpha * frame
    return mask
