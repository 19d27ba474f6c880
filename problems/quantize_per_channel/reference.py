import numpy as np


def quantize_per_channel(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    weight = np.asarray(weight, dtype=np.float32)
    flat = weight.reshape(weight.shape[0], -1)
    max_abs = np.abs(flat).max(axis=1) if flat.shape[1] else np.zeros(weight.shape[0], np.float32)
    scale = np.where(max_abs > 0, max_abs / np.float32(127), np.float32(1)).astype(np.float32)
    q = np.clip(np.rint(flat / scale[:, None]), -127, 127).astype(np.int8)
    return q.reshape(weight.shape), scale
