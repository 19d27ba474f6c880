# Nearest with a target size as an index gather (source row = floor(dst * in / out)); the 3x3
# convolutions as a sum of nine shifted 1x1 products over a zero-padded map.
import torch


def nearest(t, size):
    h_in, w_in = t.shape[-2:]
    h, w = size
    rows = torch.arange(h) * h_in // h
    cols = torch.arange(w) * w_in // w
    return t[:, :, rows][:, :, :, cols]


def conv3x3(x, weight, bias):
    _, _, h, w = x.shape
    padded = torch.zeros(x.shape[0], x.shape[1], h + 2, w + 2, dtype=x.dtype)
    padded[:, :, 1:-1, 1:-1] = x
    out = bias.view(1, -1, 1, 1).expand(x.shape[0], -1, h, w).clone()
    for dy in range(3):
        for dx in range(3):
            window = padded[:, :, dy : dy + h, dx : dx + w]
            out += torch.einsum("bchw,dc->bdhw", window, weight[:, :, dy, dx])
    return out


def fpn_topdown(
    c3, c4, c5, lat3_w, lat3_b, lat4_w, lat4_b, lat5_w, lat5_b,
    out3_w, out3_b, out4_w, out4_b, out5_w, out5_b,
):  # fmt: skip
    def lateral(c, w, b):
        return torch.einsum("bchw,dc->bdhw", c, w.flatten(1)) + b.view(1, -1, 1, 1)

    i5 = lateral(c5, lat5_w, lat5_b)
    i4 = lateral(c4, lat4_w, lat4_b) + nearest(i5, c4.shape[-2:])
    i3 = lateral(c3, lat3_w, lat3_b) + nearest(i4, c3.shape[-2:])
    return conv3x3(i3, out3_w, out3_b), conv3x3(i4, out4_w, out4_b), conv3x3(i5, out5_w, out5_b)
