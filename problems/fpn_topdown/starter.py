import torch
import torch.nn.functional as F


def fpn_topdown(
    c3: torch.Tensor,
    c4: torch.Tensor,
    c5: torch.Tensor,
    lat3_w: torch.Tensor,
    lat3_b: torch.Tensor,
    lat4_w: torch.Tensor,
    lat4_b: torch.Tensor,
    lat5_w: torch.Tensor,
    lat5_b: torch.Tensor,
    out3_w: torch.Tensor,
    out3_b: torch.Tensor,
    out4_w: torch.Tensor,
    out4_b: torch.Tensor,
    out5_w: torch.Tensor,
    out5_b: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The top-down pathway of a three-level FPN (torchvision's FeaturePyramidNetwork).

    cK: (B, CK, HK, WK) with H4 = ceil(H3 / 2), H5 = ceil(H4 / 2) (same for W).
    latK_w: (D, CK, 1, 1), latK_b: (D,); outK_w: (D, D, 3, 3), outK_b: (D,).
    Returns (p3, p4, p5), each (B, D, HK, WK) float32.
    """
    # Not the answer: only the lateral 1x1 convolutions, no top-down path, no 3x3 convs.
    return (
        F.conv2d(c3, lat3_w, lat3_b),
        F.conv2d(c4, lat4_w, lat4_b),
        F.conv2d(c5, lat5_w, lat5_b),
    )
