# Mistake: mode="nearest-exact" (half-pixel centres) instead of torchvision's mode="nearest".
import torch.nn.functional as F


def fpn_topdown(
    c3, c4, c5, lat3_w, lat3_b, lat4_w, lat4_b, lat5_w, lat5_b,
    out3_w, out3_b, out4_w, out4_b, out5_w, out5_b,
):  # fmt: skip
    i5 = F.conv2d(c5, lat5_w, lat5_b)
    i4 = F.conv2d(c4, lat4_w, lat4_b)
    i4 = i4 + F.interpolate(i5, size=i4.shape[-2:], mode="nearest-exact")
    i3 = F.conv2d(c3, lat3_w, lat3_b)
    i3 = i3 + F.interpolate(i4, size=i3.shape[-2:], mode="nearest-exact")
    return (
        F.conv2d(i3, out3_w, out3_b, padding=1),
        F.conv2d(i4, out4_w, out4_b, padding=1),
        F.conv2d(i5, out5_w, out5_b, padding=1),
    )
