# d2 by the |q|^2 + |p|^2 - 2 q.p expansion (one matmul); a hit's slot is its rank among the
# hits (a cumulative sum), scattered into a zeroed buffer, then short rows are padded with slot 0.
import torch


def ball_query(xyz, new_xyz, radius, nsample):
    b, n, _ = xyz.shape
    s = new_xyz.shape[1]
    r2 = torch.tensor(radius, dtype=torch.float32) ** 2
    d2 = (
        (new_xyz**2).sum(-1, keepdim=True)
        + (xyz**2).sum(-1).unsqueeze(1)
        - 2 * new_xyz @ xyz.transpose(1, 2)
    )  # (B, S, N)
    hit = d2 < r2
    rank = hit.long().cumsum(-1) - 1
    slot = torch.where(hit & (rank < nsample), rank, torch.tensor(nsample))  # nsample: discard
    out = torch.zeros(b, s, nsample + 1, dtype=torch.int64)
    out.scatter_(2, slot, torch.arange(n).expand(b, s, n).contiguous())
    out = out[..., :nsample]
    count = hit.sum(-1, keepdim=True).clamp(max=nsample)
    # A row without hits keeps slot 0 = 0 from the zeroed buffer, as the CUDA kernel does.
    return torch.where(torch.arange(nsample) < count, out, out[..., :1])
