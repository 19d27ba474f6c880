import torch.nn.functional as F


def fpn_topdown(
    c3, c4, c5, lat3_w, lat3_b, lat4_w, lat4_b, lat5_w, lat5_b,
    out3_w, out3_b, out4_w, out4_b, out5_w, out5_b,
):  # fmt: skip
    """torchvision.ops.FeaturePyramidNetwork([C3, C4, C5], D).forward, no extra blocks."""
    inner5 = F.conv2d(c5, lat5_w, lat5_b)
    inner4 = F.conv2d(c4, lat4_w, lat4_b) + F.interpolate(
        inner5, size=c4.shape[-2:], mode="nearest"
    )
    inner3 = F.conv2d(c3, lat3_w, lat3_b) + F.interpolate(
        inner4, size=c3.shape[-2:], mode="nearest"
    )
    return (
        F.conv2d(inner3, out3_w, out3_b, padding=1),
        F.conv2d(inner4, out4_w, out4_b, padding=1),
        F.conv2d(inner5, out5_w, out5_b, padding=1),
    )
