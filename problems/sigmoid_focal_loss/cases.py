import numpy as np

from graders.casekit import Case, rng

FORWARD_ONLY = {"check_grad": False}


def focal(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
    inputs = np.asarray(inputs, dtype=np.float32)
    return {
        "inputs": inputs,
        "targets": np.asarray(targets, dtype=np.float32).reshape(inputs.shape),
        "alpha": float(alpha),
        "gamma": float(gamma),
        "reduction": reduction,
    }


def binary_targets(generator, shape, positives=0.3):
    return (generator.random(shape) < positives).astype(np.float32)


def logits(generator, shape, scale=2.0):
    return generator.normal(0.0, scale, shape)


def saturated(generator, shape, low, high):
    """Logits with |x| in [low, high], signs at random, and hard targets on both sides: right
    (x > 0 with t = 1, or x < 0 with t = 0) and wrong."""
    magnitude = generator.uniform(low, high, shape)
    sign = generator.choice([-1.0, 1.0], shape)
    return magnitude * sign, binary_targets(generator, shape, 0.5)


def generate():
    generator = rng(20260303)
    nchw = (2, 3, 8, 8)
    exact_zero = logits(generator, (4, 16))
    exact_zero[:, ::2] = 0.0  # half the logits are exactly 0: the derivative of ce is 0.5 - t
    soft = generator.uniform(0.0, 1.0, (8, 20))
    soft[:, :5] = np.round(soft[:, :5])  # hard and soft targets side by side
    saturated_17_100 = saturated(generator, (8, 32), 17.0, 100.0)
    saturated_104_1000 = saturated(generator, (8, 32), 104.0, 1000.0)
    wrong_side = saturated(generator, (6, 10), 17.0, 150.0)
    wrong_side = (wrong_side[0], (wrong_side[0] < 0).astype(np.float32))  # confidently wrong
    mild = logits(generator, (8, 16), 1.5)
    return [
        Case(
            "example",
            focal([[3.0, -1.0, 0.0], [150.0, -2.0, 0.5]], [[1.0, 0.0, 1.0], [0.0, 1.0, 0.25]]),
            sample=True,
            note="the worked example of the statement",
        ),
        Case(
            "mean_over_16_anchors_alpha_0_5",
            focal(logits(generator, (16,)), binary_targets(generator, (16,)), 0.5, 2.0, "mean"),
            sample=True,
        ),
        Case(
            "sum_with_alpha_minus_1",
            focal(logits(generator, (4, 5)), binary_targets(generator, (4, 5)), -1.0, 2.0, "sum"),
            sample=True,
        ),
        Case(
            "saturated_logits_17_to_100_gamma_2",
            focal(*saturated_17_100, 0.25, 2.0),
        ),
        Case(
            "saturated_logits_17_to_100_gamma_0",
            focal(*saturated_17_100, 0.25, 0.0),
        ),
        Case(
            "saturated_logits_104_to_1000_gamma_1",
            focal(*saturated_104_1000, 0.25, 1.0),
        ),
        Case(
            "saturated_logits_104_to_1000_gamma_5_sum",
            focal(*saturated_104_1000, 0.25, 5.0, "sum"),
        ),
        Case(
            "confidently_wrong_logits_up_to_150",
            focal(*wrong_side, 0.25, 2.0),
        ),
        Case(
            "saturated_logits_gamma_0_5",
            focal(*saturated_17_100, 0.25, 0.5),
            extra=FORWARD_ONLY,  # torchvision's own gradient is NaN where 1 - p_t rounds to 0
        ),
        Case(
            "gamma_0_5_mild_logits",
            focal(mild, binary_targets(generator, mild.shape), 0.25, 0.5),
        ),
        Case(
            "alpha_minus_1_no_weighting",
            focal(logits(generator, (8, 16)), binary_targets(generator, (8, 16)), -1.0, 2.0),
        ),
        Case(
            "alpha_0_only_negatives_count",
            focal(logits(generator, (8, 16)), binary_targets(generator, (8, 16)), 0.0, 2.0),
        ),
        Case(
            "alpha_0_5_gamma_1",
            focal(logits(generator, (8, 16)), binary_targets(generator, (8, 16)), 0.5, 1.0),
        ),
        Case(
            "gamma_0_is_weighted_cross_entropy",
            focal(logits(generator, (8, 16)), binary_targets(generator, (8, 16)), 0.25, 0.0),
        ),
        Case(
            "gamma_5",
            focal(logits(generator, (8, 16)), binary_targets(generator, (8, 16)), 0.25, 5.0),
        ),
        Case("soft_targets", focal(logits(generator, soft.shape), soft, 0.25, 2.0)),
        Case(
            "soft_targets_alpha_minus_1_mean",
            focal(logits(generator, soft.shape), soft, -1.0, 1.0, "mean"),
        ),
        Case(
            "exact_zero_logits_gradient",
            focal(exact_zero, binary_targets(generator, exact_zero.shape, 0.5), 0.25, 2.0),
        ),
        Case(
            "exact_zero_logits_gamma_0_sum",
            focal(exact_zero, binary_targets(generator, exact_zero.shape, 0.5), 0.25, 0.0, "sum"),
        ),
        Case(
            "nchw_2x3x8x8_mean",
            focal(
                logits(generator, nchw, 3.0),
                binary_targets(generator, nchw, 0.1),
                0.25,
                2.0,
                "mean",
            ),
        ),
        Case("single_element", focal([[-4.5]], [[1.0]], 0.25, 2.0)),
        Case("single_element_mean", focal([0.7], [0.0], 0.25, 2.0, "mean")),
        Case(
            "retinanet_head_8x100x80_mean",
            focal(
                logits(generator, (8, 100, 80), 4.0) - 4.0,
                binary_targets(generator, (8, 100, 80), 0.01),
                0.25,
                2.0,
                "mean",
            ),
        ),
        Case(
            "retinanet_head_8x100x80_wide_logits_gamma_0_5",
            focal(
                logits(generator, (8, 100, 80), 60.0),
                binary_targets(generator, (8, 100, 80), 0.01),
                0.25,
                0.5,
            ),
            extra=FORWARD_ONLY,  # saturated logits with 0 < gamma < 1: NaN gradients
        ),
    ]
