# Correct, but updates every pixel of every frame in Python.
import numpy as np


def motion_mask(frames, alpha, threshold):
    t_count, h, w = frames.shape
    bg = frames[0].astype(np.float64).tolist()
    out = np.zeros(frames.shape, bool)
    for t in range(t_count):
        frame = frames[t].tolist()
        for y in range(h):
            row, brow = frame[y], bg[y]
            for x in range(w):
                if abs(row[x] - brow[x]) > threshold:
                    out[t, y, x] = True
                brow[x] = (1 - alpha) * brow[x] + alpha * row[x]
    return out
