# Mistake: the 8-connected first pass checks W, N and NW but forgets the NE neighbour.
import numpy as np


def connected_components(mask, connectivity):
    h, w = mask.shape
    parent = [0]
    label = np.zeros((h, w), np.int64)

    def find(a):
        while parent[a] != a:
            a = parent[a]
        return a

    offsets = [(-1, 0), (0, -1)] + ([(-1, -1)] if connectivity == 8 else [])
    for y in range(h):
        for x in range(w):
            if not mask[y, x]:
                continue
            ns = [label[y + dy, x + dx] for dy, dx in offsets if y + dy >= 0 and x + dx >= 0 and label[y + dy, x + dx]]
            if not ns:
                parent.append(len(parent))
                label[y, x] = len(parent) - 1
            else:
                roots = {find(int(n)) for n in ns}
                m = min(roots)
                for r in roots:
                    parent[r] = m
                label[y, x] = m
    out = np.zeros((h, w), np.int32)
    final = {}
    for y in range(h):
        for x in range(w):
            if label[y, x]:
                out[y, x] = final.setdefault(find(int(label[y, x])), len(final) + 1)
    return len(final), out
