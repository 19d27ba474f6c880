# Mistake: repeats the top-down map 2x and crops the FIRST row/column on odd sizes (the last
# one must go: nearest maps output row r to input row r // 2).
import torch.nn.functional as F


def up_to(t, like):
    h, w = like.shape[-2:]
    t = t.repeat_interleave(2, dim=2).repeat_interleave(2, dim=3)
    return t[:, :, t.shape[2] - h :, t.shape[3] - w :]


def fpn_topdown(
    c3, c4, c5, lat3_w, lat3_b, lat4_w, lat4_b, lat5_w, lat5_b,
    out3_w, out3_b, out4_w, out4_b, out5_w, out5_b,
):  # fmt: skip
    i5 = F.conv2d(c5, lat5_w, lat5_b)
    i4 = F.conv2d(c4, lat4_w, lat4_b)
    i4 = i4 + up_to(i5, i4)
    i3 = F.conv2d(c3, lat3_w, lat3_b)
    i3 = i3 + up_to(i4, i3)
    return (
        F.conv2d(i3, out3_w, out3_b, padding=1),
        F.conv2d(i4, out4_w, out4_b, padding=1),
        F.conv2d(i5, out5_w, out5_b, padding=1),
    )
