import torch


def knn_edge_features(x, k):
    """DGCNN's get_graph_feature with ties pinned: equal distances, lower index first."""
    b, c, n = x.shape
    points = x.detach().double().transpose(1, 2)  # (B, N, C); float64 differences are exact
    d2 = ((points[:, :, None, :] - points[:, None, :, :]) ** 2).sum(-1)  # (B, N, N)
    neighbours = torch.sort(d2, dim=-1, stable=True).indices[:, :, :k]  # (B, N, k)
    gather = neighbours.reshape(b, 1, n * k).expand(b, c, n * k)
    x_j = torch.gather(x, 2, gather).reshape(b, c, n, k)
    x_i = x.unsqueeze(-1).expand(b, c, n, k)
    return torch.cat([x_j - x_i, x_i], dim=1)
