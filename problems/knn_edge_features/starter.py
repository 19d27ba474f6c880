import torch


def knn_edge_features(x: torch.Tensor, k: int) -> torch.Tensor:
    """EdgeConv input features over the k-nearest-neighbour graph of every cloud.

    x: (B, C, N) float32 (channels first). Neighbours by squared distance, the point itself
    included, ties to the lower index. Returns (B, 2C, N, k) float32: [x_j - x_i, x_i].
    """
    raise NotImplementedError
