# Mistake: DGCNN's get_graph_feature verbatim: topk leaves the order of equal distances
# unspecified, so ties are not broken by the lower index.
import torch


def knn_edge_features(x, k):
    batch_size, num_dims, num_points = x.shape
    inner = -2 * torch.matmul(x.transpose(2, 1), x)
    xx = torch.sum(x**2, dim=1, keepdim=True)
    pairwise_distance = -xx - inner - xx.transpose(2, 1)
    idx = pairwise_distance.topk(k=k, dim=-1)[1]  # (B, N, k)
    idx_base = torch.arange(0, batch_size).view(-1, 1, 1) * num_points
    idx = (idx + idx_base).view(-1)
    points = x.transpose(2, 1).contiguous()
    feature = points.view(batch_size * num_points, -1)[idx, :]
    feature = feature.view(batch_size, num_points, k, num_dims)
    points = points.view(batch_size, num_points, 1, num_dims).repeat(1, 1, k, 1)
    return torch.cat((feature - points, points), dim=3).permute(0, 3, 1, 2).contiguous()
