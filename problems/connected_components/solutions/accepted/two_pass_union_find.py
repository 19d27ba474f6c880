# Classic two-pass labelling with union-find, in plain Python over lists.
import numpy as np


def connected_components(mask, connectivity):
    h, w = mask.shape
    rows = mask.tolist()
    parent = [0]
    label = [[0] * w for _ in range(h)]

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    offsets = [(-1, 0), (0, -1)] + ([(-1, -1), (-1, 1)] if connectivity == 8 else [])
    for y in range(h):
        row = rows[y]
        for x in range(w):
            if not row[x]:
                continue
            neighbours = [label[y + dy][x + dx] for dy, dx in offsets
                          if 0 <= y + dy and 0 <= x + dx < w and label[y + dy][x + dx]]
            if not neighbours:
                parent.append(len(parent))
                label[y][x] = len(parent) - 1
            else:
                roots = {find(n) for n in neighbours}
                smallest = min(roots)
                for r in roots:
                    parent[r] = smallest
                label[y][x] = smallest
    final = {}
    out = np.zeros((h, w), np.int32)
    for y in range(h):
        for x in range(w):
            if label[y][x]:
                root = find(label[y][x])
                out[y, x] = final.setdefault(root, len(final) + 1)
    return len(final), out
