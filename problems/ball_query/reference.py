import torch


def ball_query(xyz, new_xyz, radius, nsample):
    """pointnet2's query_ball_point kernel on a zero-initialised buffer, one batch at a time."""
    r2 = torch.tensor(radius, dtype=torch.float32) ** 2  # float32(radius) * float32(radius)
    n = xyz.shape[1]
    rows = []
    for points, queries in zip(xyz, new_xyz, strict=True):
        # (S, N), summed in the kernel's order: dx^2 + dy^2, then + dz^2.
        d2 = (queries[:, None, 0] - points[None, :, 0]) ** 2
        d2 = d2 + (queries[:, None, 1] - points[None, :, 1]) ** 2
        d2 = d2 + (queries[:, None, 2] - points[None, :, 2]) ** 2
        hit = d2 < r2
        count = hit.sum(-1, keepdim=True)
        # Misses become N, so the smallest nsample entries are the hits in index order.
        index = torch.where(hit, torch.arange(n), torch.tensor(n))
        first = index.topk(min(nsample, n), dim=-1, largest=False, sorted=True).values
        out = first[:, :1].expand(-1, nsample).clone()
        out[:, : first.shape[1]] = torch.where(
            torch.arange(first.shape[1]) < count, first, first[:, :1]
        )
        rows.append(torch.where(count > 0, out, torch.zeros_like(out)))
    return torch.stack(rows)
