# Mistake: one scale for the whole tensor, repeated per channel.
import numpy as np


def quantize_per_channel(weight):
    peak = float(np.abs(weight).max())
    s = np.float32(peak / 127) if peak > 0 else np.float32(1)
    q = np.clip(np.rint(weight / s), -127, 127).astype(np.int8)
    return q, np.full(weight.shape[0], s, dtype=np.float32)
