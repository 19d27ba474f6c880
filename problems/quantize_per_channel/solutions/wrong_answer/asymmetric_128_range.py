# Mistake: divides by 128 (the int8 minimum), so no weight reaches 127.
import numpy as np


def quantize_per_channel(weight):
    flat = weight.reshape(weight.shape[0], -1)
    peak = np.abs(flat).max(axis=1)
    scale = np.where(peak > 0, peak / np.float32(128), np.float32(1)).astype(np.float32)
    q = np.clip(np.rint(flat / scale[:, None]), -128, 127).astype(np.int8)
    return q.reshape(weight.shape), scale
