import numpy as np

from graders.casekit import Case, rng


def f32(values):
    return np.asarray(values, dtype=np.float32)


def prune(generator, conv1_weight, amount, conv2_shape=None, k2=None):
    """Wrap conv1's filters with a random bias and a random conv2 that reads their outputs."""
    out_channels = conv1_weight.shape[0]
    k2 = conv1_weight.shape[-1] if k2 is None else k2
    o2 = out_channels if conv2_shape is None else conv2_shape
    return {
        "conv1_weight": f32(conv1_weight),
        "conv1_bias": f32(generator.normal(0, 0.1, out_channels)),
        "conv2_weight": f32(generator.normal(0, 0.1, (o2, out_channels, k2, k2))),
        "amount": float(amount),
    }


def spaced_filters(generator, out_channels, in_channels, k):
    """Random filters rescaled so that their L1 norms are distinct, at least 1e-3 apart relative.

    float32 and float64 summation, in any order, then rank them the same way.
    """
    filters = generator.normal(0, 1, (out_channels, in_channels, k, k))
    norms = np.abs(filters).reshape(out_channels, -1).sum(axis=1)
    targets = 1.0 + 0.002 * generator.permutation(out_channels)
    return f32(filters * (targets / norms)[:, None, None, None])


def tied_filters(generator, base, copies):
    """Permuted and sign-flipped copies of small-integer filters: exactly equal L1 norms."""
    rows = []
    for filt in base:
        filt = np.asarray(filt, dtype=np.float64)
        for _ in range(copies):
            flat = generator.permutation(filt.ravel()) * generator.choice([-1.0, 1.0], filt.size)
            rows.append(flat.reshape(filt.shape))
    order = generator.permutation(len(rows))
    return f32(np.stack(rows)[order])


def generate():
    generator = rng(20260215)
    example = f32(
        [
            [[[1, -1], [0, 0]]],
            [[[3, 0], [0, 0]]],
            [[[1, -1], [1, -1]]],
            [[[0, 2], [0, 0]]],
        ]
    )
    small_ints = [generator.integers(-3, 4, (2, 3, 3)) for _ in range(4)]
    l1_vs_l2 = f32(
        [
            [[[3, 0], [0, 0]]],
            [[[1, 1], [1, 1]]],
            [[[0, -2.5], [0, 0]]],
            [[[-1, 1], [-1, 0.5]]],
            [[[0, 0], [4, 0]]],
            [[[1, 1], [1, 1.5]]],
        ]
    )
    return [
        Case(
            "example",
            {
                "conv1_weight": example,
                "conv1_bias": f32([0.1, 0.2, 0.3, 0.4]),
                "conv2_weight": f32([[[[1]], [[2]], [[3]], [[4]]], [[[5]], [[6]], [[7]], [[8]]]]),
                "amount": 0.5,
            },
            sample=True,
            note="the worked example of the statement",
        ),
        Case(
            "random_8_channels_amount_0_5",
            prune(generator, spaced_filters(generator, 8, 3, 3), 0.5),
            sample=True,
        ),
        Case(
            "tie_group_split_by_index",
            prune(generator, tied_filters(generator, small_ints, 3), 0.35),
        ),
        Case(
            "rolled_copies_tie_lower_index_removed",
            prune(
                generator,
                f32([np.roll(np.arange(1.0, 10.0).reshape(1, 3, 3), r) for r in range(5)]),
                0.4,
            ),
        ),
        Case("all_filters_equal", prune(generator, np.full((10, 2, 3, 3), 0.5), 0.33)),
        Case(
            "amount_0_29_of_100_removes_29",
            prune(generator, spaced_filters(generator, 100, 2, 3), 0.29),
        ),
        Case(
            "amount_0_25_of_6_floors_to_1",
            prune(generator, spaced_filters(generator, 6, 3, 3), 0.25),
        ),
        Case(
            "amount_0_7_of_10_removes_7",
            prune(generator, spaced_filters(generator, 10, 3, 3), 0.7),
        ),
        Case(
            "amount_0_keeps_everything", prune(generator, spaced_filters(generator, 8, 3, 3), 0.0)
        ),
        Case(
            "amount_1_removes_everything",
            prune(generator, spaced_filters(generator, 8, 3, 3), 1.0),
        ),
        Case("l1_and_l2_rankings_disagree", prune(generator, l1_vs_l2, 0.5)),
        Case("mixed_sign_filters", prune(generator, spaced_filters(generator, 12, 4, 3), 0.5)),
        Case("single_channel_kept", prune(generator, spaced_filters(generator, 1, 3, 3), 0.5)),
        Case("single_channel_removed", prune(generator, spaced_filters(generator, 1, 3, 3), 1.0)),
        Case(
            "conv2_kernel_and_width_differ",
            prune(generator, spaced_filters(generator, 16, 8, 3), 0.5, conv2_shape=24, k2=1),
        ),
        Case(
            "block_64_channels",
            prune(generator, spaced_filters(generator, 64, 64, 3), 0.3, conv2_shape=128),
        ),
        Case(
            "stage_512_channels",
            prune(generator, spaced_filters(generator, 512, 256, 3), 0.6, conv2_shape=512),
        ),
    ]
