import numpy as np

from graders.casekit import Case, rng


def case(g, name, x_shape, w_shape, bias, stride, padding, dilation, groups, sample=False):
    x = g.normal(size=x_shape).astype(np.float32)
    w = (g.normal(size=w_shape) / np.sqrt(np.prod(w_shape[1:]))).astype(np.float32)
    b = g.normal(size=w_shape[0]).astype(np.float32) if bias else None
    return Case(
        name,
        {
            "x": x,
            "weight": w,
            "bias": b,
            "stride": stride,
            "padding": padding,
            "dilation": dilation,
            "groups": groups,
        },
        sample=sample,
    )


def generate():
    g = rng(2012)
    example = Case(
        "example",
        {
            "x": np.arange(16, dtype=np.float32).reshape(1, 1, 4, 4),
            "weight": np.array([[[[1, 0], [0, -1]]]], dtype=np.float32),
            "bias": None,
            "stride": 2,
            "padding": 0,
            "dilation": 1,
            "groups": 1,
        },
        sample=True,
    )
    return [
        example,
        case(g, "padding_and_bias", (2, 3, 5, 6), (4, 3, 3, 3), True, 1, 1, 1, 1, sample=True),
        case(g, "asymmetric_kernel_no_flip", (1, 2, 7, 7), (3, 2, 2, 3), False, 1, 0, 1, 1),
        case(g, "stride_2_odd_size", (2, 3, 9, 11), (5, 3, 3, 3), True, 2, 1, 1, 1),
        case(g, "dilation_2", (1, 4, 12, 10), (2, 4, 3, 3), False, 1, 2, 2, 1),
        case(g, "groups_2", (2, 4, 8, 8), (6, 2, 3, 3), True, 1, 1, 1, 2),
        case(g, "depthwise", (1, 8, 10, 10), (8, 1, 3, 3), True, 1, 1, 1, 8),
        case(g, "one_by_one_pointwise", (2, 16, 6, 6), (8, 16, 1, 1), True, 1, 0, 1, 1),
        case(g, "stride_dilation_padding_groups", (2, 6, 15, 13), (9, 2, 3, 2), True, 3, 2, 2, 3),
        case(g, "kernel_as_large_as_padded_input", (1, 1, 3, 3), (1, 1, 5, 5), False, 1, 1, 1, 1),
        case(g, "resnet_stage_8x64x56x56", (8, 64, 56, 56), (64, 64, 3, 3), True, 1, 1, 1, 1),
    ]
