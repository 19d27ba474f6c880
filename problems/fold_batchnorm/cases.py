import numpy as np

from graders.casekit import Case, rng


def f32(values):
    return np.asarray(values, dtype=np.float32)


def layer(generator, shape, *, bias=True, eps=1e-5, variance=None, gamma=None):
    """A conv followed by a BatchNorm with O(1) statistics; variance and gamma may be pinned."""
    out_channels = shape[0]
    return {
        "conv_weight": f32(generator.normal(0, 0.5, shape)),
        "conv_bias": f32(generator.normal(0, 0.5, out_channels)) if bias else None,
        "bn_weight": f32(generator.uniform(0.5, 1.5, out_channels) if gamma is None else gamma),
        "bn_bias": f32(generator.normal(0, 0.5, out_channels)),
        "running_mean": f32(generator.normal(0, 1.0, out_channels)),
        "running_var": f32(
            generator.uniform(0.1, 5.0, out_channels) if variance is None else variance
        ),
        "eps": eps,
    }


def generate():
    generator = rng(20260213)
    cases = [
        Case(
            "example",
            {
                "conv_weight": f32([[[[1.0, -2.0]]], [[[0.01, 0.02]]]]),
                "conv_bias": f32([0.5, -1.0]),
                "bn_weight": f32([2.0, 0.5]),
                "bn_bias": f32([0.1, -0.2]),
                "running_mean": f32([1.0, -2.0]),
                "running_var": f32([4.0, 0.0]),
                "eps": 1e-5,
            },
            sample=True,
            note="the worked example of the statement",
        ),
        Case("conv_bias_none_3x3", layer(generator, (4, 3, 3, 3), bias=False), sample=True),
        Case("random_3x3_with_bias", layer(generator, (8, 4, 3, 3))),
    ]
    zero_var = f32(generator.uniform(0.1, 5.0, 8))
    zero_var[[1, 4]] = 0.0
    zero_var[6] = 1e-6
    cases += [
        Case("running_var_zero_and_1e_minus_6", layer(generator, (8, 4, 3, 3), variance=zero_var)),
        Case(
            "running_var_zero_without_conv_bias",
            layer(generator, (8, 4, 3, 3), bias=False, variance=zero_var),
        ),
        Case("eps_1e_minus_3", layer(generator, (6, 3, 3, 3), eps=1e-3)),
        Case(
            "eps_1e_minus_3_small_variances",
            layer(generator, (6, 3, 3, 3), eps=1e-3, variance=f32([0, 1e-4, 1e-3, 0.01, 0.1, 1])),
        ),
        Case(
            "negative_and_zero_gamma",
            layer(generator, (6, 3, 3, 3), gamma=f32([-1.5, 0.0, 1.0, -0.3, 0.0, 2.0])),
        ),
        Case("depthwise_32x1x3x3", layer(generator, (32, 1, 3, 3))),
        Case("depthwise_5x5_no_bias", layer(generator, (16, 1, 5, 5), bias=False)),
        Case("pointwise_1x1", layer(generator, (16, 8, 1, 1))),
        Case("non_square_kernel_3x5", layer(generator, (8, 4, 3, 5))),
        Case("non_square_kernel_1x7_no_bias", layer(generator, (8, 4, 1, 7), bias=False)),
        Case("single_output_channel", layer(generator, (1, 3, 3, 3))),
        Case("single_output_channel_var_zero", layer(generator, (1, 1, 1, 1), variance=f32([0]))),
        Case("resnet_block_256x256x3x3", layer(generator, (256, 256, 3, 3))),
    ]
    return cases
