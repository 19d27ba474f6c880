# Mistake: returns the number of labels including the background (OpenCV's convention).
# Diagnosis: off_by_one
import numpy as np


def connected_components(mask, connectivity):
    h, w = mask.shape
    labels = np.zeros((h, w), np.int32)
    steps = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    if connectivity == 8:
        steps += [(1, 1), (1, -1), (-1, 1), (-1, -1)]
    n = 0
    for sy in range(h):
        for sx in range(w):
            if mask[sy, sx] and not labels[sy, sx]:
                n += 1
                labels[sy, sx] = n
                stack = [(sy, sx)]
                while stack:
                    y, x = stack.pop()
                    for dy, dx in steps:
                        ny, nx = y + dy, x + dx
                        if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not labels[ny, nx]:
                            labels[ny, nx] = n
                            stack.append((ny, nx))
    return n + 1, labels
