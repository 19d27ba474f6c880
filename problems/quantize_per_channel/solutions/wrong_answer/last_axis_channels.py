# Mistake: treats the LAST axis as the channel axis.
import numpy as np


def quantize_per_channel(weight):
    w = np.moveaxis(weight, -1, 0)
    flat = w.reshape(w.shape[0], -1)
    peak = np.abs(flat).max(axis=1)
    scale = np.where(peak > 0, peak / np.float32(127), np.float32(1)).astype(np.float32)
    q = np.clip(np.rint(flat / scale[:, None]), -127, 127).astype(np.int8).reshape(w.shape)
    return np.moveaxis(q, 0, -1), scale[: weight.shape[0]] if len(scale) >= weight.shape[0] else np.resize(scale, weight.shape[0])
