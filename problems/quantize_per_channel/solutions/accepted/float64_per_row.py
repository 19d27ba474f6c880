# Row by row in float64, rounding half to even with np.round.
import numpy as np


def quantize_per_channel(weight):
    q = np.empty(weight.shape, dtype=np.int8)
    scale = np.empty(weight.shape[0], dtype=np.float32)
    for o in range(weight.shape[0]):
        row = weight[o].astype(np.float64)
        peak = float(np.abs(row).max()) if row.size else 0.0
        s = np.float32(peak / 127.0) if peak > 0 else np.float32(1.0)
        scale[o] = s
        q[o] = np.clip(np.round(row / float(s)), -127, 127).astype(np.int8)
    return q, scale
