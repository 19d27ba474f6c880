import torch


def ball_query(
    xyz: torch.Tensor, new_xyz: torch.Tensor, radius: float, nsample: int
) -> torch.Tensor:
    """PointNet++ ball query: for every query, the first nsample points (in index order) closer
    than radius.

    xyz: (B, N, 3) float32 points; new_xyz: (B, S, 3) float32 query centres.
    Returns (B, S, nsample) int64: hits in index order, padded with the first hit; all zeros for
    a query without hits.
    """
    raise NotImplementedError
