import numpy as np


def roi_align(
    features: np.ndarray,
    boxes: np.ndarray,
    output_size: int,
    spatial_scale: float,
    sampling_ratio: int,
) -> np.ndarray:
    """torchvision.ops.roi_align(aligned=True) for one image: (C, H, W) -> (K, C, P, P)."""
    raise NotImplementedError
