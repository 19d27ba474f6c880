import numpy as np

from graders.casekit import Case, rng


def dice(logits, targets, eps=1e-6, ignore_index=255):
    return {
        "logits": np.asarray(logits, dtype=np.float32),
        "targets": np.asarray(targets, dtype=np.int64),
        "eps": float(eps),
        "ignore_index": int(ignore_index),
    }


def segmentation(
    generator, n, c, h, w, *, ignored=0.0, ignore_index=255, eps=1e-6, scale=2.0, absent=()
):
    """Logits that lean towards the target class, so every dice is well inside (0, 1).

    Images get different class mixtures, so a dice per image differs from the batch dice.
    `absent` classes never occur in the targets (they still get probability mass).
    """
    present = [k for k in range(c) if k not in absent]
    targets = np.empty((n, h, w), dtype=np.int64)
    for i in range(n):
        weights = generator.dirichlet(np.full(len(present), 0.7))
        targets[i] = generator.choice(present, size=(h, w), p=weights)
    logits = generator.normal(0, scale, (n, c, h, w))
    np.put_along_axis(
        logits, targets[:, None], np.take_along_axis(logits, targets[:, None], 1) + scale, 1
    )
    if ignored:
        targets[generator.random((n, h, w)) < ignored] = ignore_index
    return dice(logits, targets, eps, ignore_index)


def generate():
    generator = rng(20260217)
    underflow = segmentation(generator, 2, 4, 8, 8, eps=0.0, absent=(3,))
    underflow["logits"][:, 3] = -300.0  # p_3 is exactly 0 in float32: P_3 + Y_3 == 0
    all_ignored = segmentation(generator, 2, 3, 4, 4)
    all_ignored["targets"][:] = 255
    all_ignored_eps_0 = segmentation(generator, 2, 3, 4, 4, eps=0.0, ignore_index=-100)
    all_ignored_eps_0["targets"][:] = -100
    large_logits = segmentation(generator, 2, 4, 8, 8, scale=1.5, ignored=0.2)
    large_logits["logits"] *= 50  # up to about +-300: softmax saturates, most gradients vanish
    return [
        Case(
            "example",
            dice(
                [[[[2.0, 0.0], [0.0, 1.0]], [[0.0, 2.0], [0.0, 0.0]], [[0.0, 0.0], [3.0, 0.0]]]],
                [[[0, 1], [255, 0]]],
                eps=1e-6,
                ignore_index=255,
            ),
            sample=True,
            note="the worked example of the statement",
        ),
        Case(
            "batch_2x3x4x4_some_ignored",
            segmentation(generator, 2, 3, 4, 4, ignored=0.2),
            sample=True,
        ),
        Case("no_ignored_pixels", segmentation(generator, 2, 4, 8, 8)),
        Case("ignored_30_percent_index_255", segmentation(generator, 2, 4, 8, 8, ignored=0.3)),
        Case(
            "ignored_30_percent_index_minus_100",
            segmentation(generator, 2, 4, 8, 8, ignored=0.3, ignore_index=-100),
        ),
        Case(
            "ignored_30_percent_index_equal_to_C",
            segmentation(generator, 2, 4, 8, 8, ignored=0.3, ignore_index=4),
        ),
        Case("batch_of_4_one_dice_per_class", segmentation(generator, 4, 3, 6, 6, ignored=0.1)),
        Case("class_absent_from_targets", segmentation(generator, 2, 4, 8, 8, absent=(1,))),
        Case("all_pixels_ignored_eps_1e_minus_6", all_ignored),
        Case("all_pixels_ignored_eps_0", all_ignored_eps_0),
        Case("eps_0_absent_class_underflows_to_0", underflow),
        Case("eps_0_every_class_present", segmentation(generator, 2, 3, 8, 8, eps=0.0)),
        Case("eps_1", segmentation(generator, 2, 4, 4, 4, eps=1.0, absent=(2,), ignored=0.2)),
        Case("single_image", segmentation(generator, 1, 4, 8, 8, ignored=0.2)),
        Case("two_classes", segmentation(generator, 3, 2, 8, 8, ignored=0.2)),
        Case("logits_x50", large_logits),
        Case("batch_2x6x32x32", segmentation(generator, 2, 6, 32, 32, ignored=0.3)),
    ]
