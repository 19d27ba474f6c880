import numpy as np

from graders.casekit import Case, rng


def generate():
    generator = rng(127)
    example = np.array([[0.5, -1.0, 0.25], [0.0, 0.0, 0.0], [127.0, 2.5, -3.5]], dtype=np.float32)
    halves = np.array([[127.0, 0.5, 1.5, 2.5, -2.5, -0.5, 126.5, -126.5]], dtype=np.float32)
    conv = generator.normal(0, 0.05, (64, 32, 3, 3)).astype(np.float32)
    conv[5] = 0.0  # a dead filter
    conv[7, 0, 0, 0] = 3.0  # one outlier dominates its channel's scale
    return [
        Case("example", {"weight": example}, sample=True),
        Case(
            "vector_of_channels",
            {"weight": np.array([0.3, -2.0, 0.0, 1e-8], dtype=np.float32)},
            sample=True,
        ),
        Case("exact_halves_round_to_even", {"weight": halves}),
        Case("all_zero_tensor", {"weight": np.zeros((4, 5), np.float32)}),
        Case(
            "negative_maximum_sets_the_scale",
            {"weight": np.array([[-4.0, 1.0, 2.0], [0.1, -0.2, 0.05]], np.float32)},
        ),
        Case("conv_weight_with_dead_filter", {"weight": conv}),
        Case(
            "linear_1024x1024",
            {"weight": generator.normal(0, 0.02, (1024, 1024)).astype(np.float32)},
        ),
        Case(
            "conv_512x512x3x3",
            {"weight": generator.laplace(0, 0.01, (512, 512, 3, 3)).astype(np.float32)},
        ),
    ]
