# One cloud at a time: exact squared differences, a stable argsort, index_select per cloud.
import torch


def knn_edge_features(x, k):
    clouds = []
    for cloud in x:  # (C, N)
        diff = cloud.detach()[:, :, None] - cloud.detach()[:, None, :]
        d2 = (diff**2).sum(0)  # (N, N)
        order = torch.argsort(d2, dim=1, stable=True)[:, :k]
        x_j = cloud.index_select(1, order.reshape(-1)).reshape(cloud.shape[0], -1, k)
        x_i = cloud.unsqueeze(-1).expand_as(x_j)
        clouds.append(torch.cat([x_j - x_i, x_i], dim=0))
    return torch.stack(clouds)
