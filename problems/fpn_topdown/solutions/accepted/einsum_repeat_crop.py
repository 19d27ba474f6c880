# Laterals as einsums; the top-down map is repeated 2x and cropped at the end (bottom/right) to
# the lateral's size, which equals nearest with a target size when H_l = ceil(H_{l-1} / 2).
import torch
import torch.nn.functional as F


def lateral(c, w, b):
    return torch.einsum("bchw,dc->bdhw", c, w[:, :, 0, 0]) + b.view(1, -1, 1, 1)


def up_to(t, like):
    h, w = like.shape[-2:]
    return t.repeat_interleave(2, dim=2).repeat_interleave(2, dim=3)[:, :, :h, :w]


def fpn_topdown(
    c3, c4, c5, lat3_w, lat3_b, lat4_w, lat4_b, lat5_w, lat5_b,
    out3_w, out3_b, out4_w, out4_b, out5_w, out5_b,
):  # fmt: skip
    i5 = lateral(c5, lat5_w, lat5_b)
    i4 = lateral(c4, lat4_w, lat4_b)
    i4 = i4 + up_to(i5, i4)
    i3 = lateral(c3, lat3_w, lat3_b)
    i3 = i3 + up_to(i4, i3)
    return (
        F.conv2d(i3, out3_w, out3_b, padding=1),
        F.conv2d(i4, out4_w, out4_b, padding=1),
        F.conv2d(i5, out5_w, out5_b, padding=1),
    )
