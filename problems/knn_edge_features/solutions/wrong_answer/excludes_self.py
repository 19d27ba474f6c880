# Mistake: skips the nearest neighbour, assumed to be the point itself (it is included).
import torch


def knn_edge_features(x, k):
    b, c, n = x.shape
    points = x.transpose(1, 2)  # (B, N, C)
    with torch.no_grad():
        sq = (points**2).sum(-1)
        d2 = sq[:, :, None] - 2 * points @ points.transpose(1, 2) + sq[:, None, :]
        idx = torch.sort(d2, dim=-1, stable=True).indices[:, :, 1 : k + 1]  # (B, N, k)
    flat = (idx + torch.arange(b).view(b, 1, 1) * n).reshape(-1)
    x_j = points.reshape(b * n, c)[flat].reshape(b, n, k, c)
    x_i = points.unsqueeze(2).expand(b, n, k, c)
    return torch.cat([x_j - x_i, x_i], dim=-1).permute(0, 3, 1, 2).contiguous()
