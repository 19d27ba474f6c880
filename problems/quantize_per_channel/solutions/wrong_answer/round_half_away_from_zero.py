# Mistake: rounds halves away from zero (floor(x + 0.5) with the sign), not to even.
# Diagnosis: rounding
import numpy as np


def quantize_per_channel(weight):
    flat = weight.reshape(weight.shape[0], -1)
    peak = np.abs(flat).max(axis=1)
    scale = np.where(peak > 0, peak / np.float32(127), np.float32(1)).astype(np.float32)
    x = flat / scale[:, None]
    q = np.sign(x) * np.floor(np.abs(x) + 0.5)
    return np.clip(q, -127, 127).astype(np.int8).reshape(weight.shape), scale
