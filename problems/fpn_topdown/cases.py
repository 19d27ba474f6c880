import math

import numpy as np

from graders.casekit import Case, rng

NAMES = (
    "c3", "c4", "c5", "lat3_w", "lat3_b", "lat4_w", "lat4_b", "lat5_w", "lat5_b",
    "out3_w", "out3_b", "out4_w", "out4_b", "out5_w", "out5_b",
)  # fmt: skip


def pyramid(g, name, batch, channels, h3, w3, d, sample=False):
    """A random pyramid with H4 = ceil(H3 / 2), H5 = ceil(H4 / 2) and N(0, 1/fan_in) weights."""
    sizes = [(h3, w3)]
    for _ in range(2):
        h, w = sizes[-1]
        sizes.append((math.ceil(h / 2), math.ceil(w / 2)))
    maps = [g.normal(size=(batch, c, h, w)) for c, (h, w) in zip(channels, sizes, strict=True)]
    laterals = []
    for c in channels:
        laterals += [g.normal(0, 1 / math.sqrt(c), (d, c, 1, 1)), g.normal(0, 0.1, d)]
    outputs = []
    for _ in range(3):
        outputs += [g.normal(0, 1 / math.sqrt(9 * d), (d, d, 3, 3)), g.normal(0, 0.1, d)]
    values = [np.asarray(v, dtype=np.float32) for v in maps + laterals + outputs]
    return Case(name, dict(zip(NAMES, values, strict=True)), sample=sample)


def example():
    """3x3 -> 2x2 -> 1x1, one channel, identity laterals, 3x3 convs that add 1."""
    identity_3x3 = np.zeros((1, 1, 3, 3), dtype=np.float32)
    identity_3x3[0, 0, 1, 1] = 1.0
    one, zero, plus_one = np.ones((1, 1, 1, 1)), np.zeros(1), np.ones(1)
    values = [
        np.arange(1.0, 10.0).reshape(1, 1, 3, 3),
        np.array([[[[10.0, 20.0], [30.0, 40.0]]]]),
        np.array([[[[100.0]]]]),
        *(one, zero) * 3,
        *(identity_3x3, plus_one) * 3,
    ]
    args = dict(zip(NAMES, (np.asarray(v, dtype=np.float32) for v in values), strict=True))
    return Case("example", args, sample=True)


def generate():
    g = rng(2117)
    return [
        example(),
        pyramid(g, "small_even_8x8", 1, (4, 6, 8), 8, 8, 5, sample=True),
        pyramid(g, "even_sizes_16_8_4", 2, (8, 16, 32), 16, 16, 8),
        pyramid(g, "odd_sizes_13_7_4", 2, (8, 16, 32), 13, 13, 8),
        pyramid(g, "mixed_10x15_5x8_3x4", 2, (6, 12, 24), 10, 15, 6),
        pyramid(g, "tiny_pyramid_2x3_1x2_1x1", 1, (3, 4, 5), 2, 3, 4),
        pyramid(g, "one_output_channel", 2, (5, 6, 7), 9, 6, 1),
        pyramid(g, "batch_of_one_odd_11x9", 1, (4, 8, 16), 11, 9, 8),
        pyramid(g, "lateral_channels_3_5_7", 3, (3, 5, 7), 7, 12, 4),
        pyramid(g, "resnet_like_25x38", 2, (128, 256, 512), 25, 38, 64),
    ]
