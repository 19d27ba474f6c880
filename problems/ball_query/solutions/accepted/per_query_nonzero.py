# The (S, N, 3) difference tensor of each batch, then one nonzero() per query.
import torch


def ball_query(xyz, new_xyz, radius, nsample):
    b, s = new_xyz.shape[:2]
    out = torch.zeros(b, s, nsample, dtype=torch.int64)
    r = torch.tensor(radius, dtype=torch.float32)
    for i in range(b):
        d2 = ((new_xyz[i][:, None, :] - xyz[i][None, :, :]) ** 2).sum(-1)
        inside = d2 < r * r
        for j in range(s):
            hits = torch.nonzero(inside[j]).flatten()[:nsample]
            if len(hits):
                out[i, j] = hits[0]
                out[i, j, : len(hits)] = hits
    return out
