# Mistake: suppresses along the edge instead of across it (the sectors are rotated 90 degrees).
import numpy as np


def canny(image, low, high):
    img = image.astype(np.float64)
    h, w = img.shape
    p = np.pad(img, 1, mode="edge")
    gx = (p[:-2, 2:] + 2 * p[1:-1, 2:] + p[2:, 2:]) - (p[:-2, :-2] + 2 * p[1:-1, :-2] + p[2:, :-2])
    gy = (p[2:, :-2] + 2 * p[2:, 1:-1] + p[2:, 2:]) - (p[:-2, :-2] + 2 * p[:-2, 1:-1] + p[:-2, 2:])
    mag = np.hypot(gx, gy)
    angle = (np.rad2deg(np.arctan2(gy, gx)) + 90) % 180
    mp = np.pad(mag, 1)

    def nb(dy, dx):
        return mp[1 + dy : 1 + dy + h, 1 + dx : 1 + dx + w]

    horizontal = (angle < 22.5) | (angle >= 157.5)
    diagonal = (angle >= 22.5) & (angle < 67.5)
    vertical = (angle >= 67.5) & (angle < 112.5)
    anti = (angle >= 112.5) & (angle < 157.5)
    keep = (horizontal & (mag > nb(0, -1)) & (mag >= nb(0, 1))) | (
        vertical & (mag > nb(-1, 0)) & (mag >= nb(1, 0))
    ) | (diagonal & (mag > nb(-1, -1)) & (mag >= nb(1, 1))) | (anti & (mag > nb(-1, 1)) & (mag >= nb(1, -1)))
    weak = keep & (mag > low)
    edges = keep & (mag > high)
    stack = list(zip(*np.nonzero(edges)))
    while stack:
        y, x = stack.pop()
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                ny, nx = y + dy, x + dx
                if 0 <= ny < h and 0 <= nx < w and weak[ny, nx] and not edges[ny, nx]:
                    edges[ny, nx] = True
                    stack.append((ny, nx))
    return edges
