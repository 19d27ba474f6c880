import numpy as np

from graders.casekit import Case, rng

FORWARD_ONLY = {"check_grad": False}
LIMIT = 1500.0  # every coordinate is in [0, LIMIT]


def giou(boxes1, boxes2, reduction="none", eps=1e-7):
    return {
        "boxes1": np.asarray(boxes1, dtype=np.float32).reshape(-1, 4),
        "boxes2": np.asarray(boxes2, dtype=np.float32).reshape(-1, 4),
        "reduction": reduction,
        "eps": float(eps),
    }


def boxes(generator, n, centre, size):
    """(n, 4) boxes with centres uniform in [0, centre] and sides uniform in [size/2, size]."""
    cx, cy = generator.uniform(size, centre - size, (2, n))
    w, h = generator.uniform(size / 2, size, (2, n))
    return np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], axis=1)


def away_from_kinks(boxes1, boxes2, margin):
    """Rows where no coordinate of boxes1 equals boxes2's and no overlap width or height is
    within ``margin`` (relative to the sides) of 0, in the float32 values the solution sees."""
    a = boxes1.astype(np.float32).astype(np.float64)
    b = boxes2.astype(np.float32).astype(np.float64)
    side = np.minimum(a[:, 2:] - a[:, :2], b[:, 2:] - b[:, :2]).min(axis=1)
    overlap = np.minimum(a[:, 2:], b[:, 2:]) - np.maximum(a[:, :2], b[:, :2])
    gaps = np.abs(np.concatenate([a - b, overlap], axis=1)).min(axis=1)
    return gaps > margin * side


def gradient_pairs(generator, n, *, kind, centre=100.0, size=20.0, margin=0.02):
    """n pairs of one configuration whose gradients have no tie or kink to choose at."""
    boxes1 = np.empty((0, 4))
    boxes2 = np.empty((0, 4))
    while len(boxes1) < n:
        a = boxes(generator, n, centre, size)
        w, h = a[:, 2] - a[:, 0], a[:, 3] - a[:, 1]
        if kind == "overlapping":
            shift = generator.uniform(-0.6, 0.6, (n, 2)) * np.stack([w, h], axis=1)
            scale = generator.uniform(0.6, 1.5, (n, 2)) * np.stack([w, h], axis=1)
            centre_b = (a[:, :2] + a[:, 2:]) / 2 + shift
            b = np.concatenate([centre_b - scale / 2, centre_b + scale / 2], axis=1)
        elif kind == "disjoint_both_axes":
            sign = generator.choice([-1.0, 1.0], (n, 2))
            gap = generator.uniform(1.1, 2.5, (n, 2)) * np.stack([w, h], axis=1)
            b = a + np.tile(sign * gap, 2)
        elif kind == "disjoint_one_axis":
            sign = generator.choice([-1.0, 1.0], n)
            gap_x = sign * generator.uniform(1.1, 2.5, n) * w
            shift_y = generator.uniform(-0.6, 0.6, n) * h
            b = a + np.stack([gap_x, shift_y, gap_x, shift_y], axis=1)
            swap = generator.random(n) < 0.5  # disjoint along y instead for half of them
            b[swap] = a[swap] + np.stack(
                [shift_y * w / h, gap_x * h / w, shift_y * w / h, gap_x * h / w], axis=1
            )[swap]
        elif kind == "nested":
            inner = generator.uniform(0.1, 0.45, (n, 4)) * np.tile(np.stack([w, h], axis=1), 2)
            b = a + inner * np.array([1.0, 1.0, -1.0, -1.0])
            outer = generator.random(n) < 0.5  # boxes1 inside boxes2 for half of them
            a[outer], b[outer] = b[outer].copy(), a[outer].copy()
        else:
            raise ValueError(kind)
        inside = (a >= 0).all(1) & (b >= 0).all(1) & (a <= LIMIT).all(1) & (b <= LIMIT).all(1)
        keep = inside & away_from_kinks(a, b, margin)
        boxes1 = np.concatenate([boxes1, a[keep]])
        boxes2 = np.concatenate([boxes2, b[keep]])
    return boxes1[:n], boxes2[:n]


def mixed_pairs(generator, n, **sizes):
    parts = [
        gradient_pairs(generator, n // 4 + 1, kind=kind, **sizes)
        for kind in ("overlapping", "disjoint_both_axes", "disjoint_one_axis", "nested")
    ]
    order = generator.permutation(4 * (n // 4 + 1))[:n]
    return (
        np.concatenate([p[0] for p in parts])[order],
        np.concatenate([p[1] for p in parts])[order],
    )


def integer_boxes(generator, n, high, max_size):
    """Integer corners: ties, touching edges, identical and zero-area boxes are common."""
    corner = generator.integers(0, high - max_size, (n, 2))
    size = generator.integers(0, max_size + 1, (n, 2))
    return np.concatenate([corner, corner + size], axis=1)


def generate():
    generator = rng(20260302)
    zero_area = [[5.0, 5.0, 5.0, 5.0], [3.0, 1.0, 3.0, 8.0], [0.0, 2.0, 6.0, 2.0]]
    touching = (
        [[0.0, 0.0, 2.0, 2.0], [0.0, 0.0, 2.0, 2.0], [1.0, 1.0, 3.0, 4.0]],
        [[2.0, 0.5, 4.0, 1.5], [0.5, 2.0, 1.5, 3.0], [3.0, 4.0, 5.0, 6.0]],
    )
    identical = boxes(generator, 6, 500.0, 80.0)
    many = integer_boxes(generator, 3000, 1000, 60)
    return [
        Case(
            "example",
            giou(
                [[0.0, 0.0, 2.0, 2.0], [0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 4.0, 4.0]],
                [[1.0, 1.0, 3.0, 3.0], [2.0, 3.0, 4.0, 5.0], [1.0, 1.0, 2.0, 3.0]],
            ),
            sample=True,
            note="the worked example of the statement",
        ),
        Case("mean_of_8_pairs", giou(*mixed_pairs(generator, 8), "mean"), sample=True),
        Case(
            "sum_of_3_pairs_with_eps_0_1",
            giou(*gradient_pairs(generator, 3, kind="overlapping", centre=4, size=1), "sum", 0.1),
            sample=True,
        ),
        Case(
            "disjoint_along_both_axes",
            giou(*gradient_pairs(generator, 16, kind="disjoint_both_axes")),
        ),
        Case(
            "disjoint_along_one_axis",
            giou(*gradient_pairs(generator, 16, kind="disjoint_one_axis")),
        ),
        Case("nested_boxes", giou(*gradient_pairs(generator, 16, kind="nested"))),
        Case("overlapping_boxes", giou(*gradient_pairs(generator, 32, kind="overlapping"))),
        Case("identical_boxes", giou(identical, identical), extra=FORWARD_ONLY),
        Case("touching_edges", giou(*touching), extra=FORWARD_ONLY),
        Case(
            "identical_zero_area_boxes_give_1_not_nan",
            giou(zero_area, zero_area),
            extra=FORWARD_ONLY,
        ),
        Case(
            "zero_area_boxes_inside_and_outside_a_box",
            giou(zero_area, [[4.0, 4.0, 6.0, 6.0], [0.0, 0.0, 1.0, 1.0], [1.0, 0.0, 5.0, 4.0]]),
            extra=FORWARD_ONLY,
        ),
        Case(
            "eps_0_1_on_boxes_of_size_1",
            giou(*mixed_pairs(generator, 16, centre=4.0, size=1.5), "none", 0.1),
        ),
        Case(
            "eps_0_1_mean_on_boxes_of_size_1",
            giou(*mixed_pairs(generator, 16, centre=4.0, size=1.5), "mean", 0.1),
        ),
        Case("n_0_none", giou(np.zeros((0, 4)), np.zeros((0, 4)), "none")),
        Case("n_0_sum", giou(np.zeros((0, 4)), np.zeros((0, 4)), "sum")),
        Case("n_0_mean_is_0_and_keeps_the_graph", giou(np.zeros((0, 4)), np.zeros((0, 4)), "mean")),
        Case("n_1", giou(*gradient_pairs(generator, 1, kind="overlapping"), "none")),
        Case("n_1_mean", giou(*gradient_pairs(generator, 1, kind="disjoint_one_axis"), "mean")),
        Case(
            "boxes_0_01_wide",
            giou(*mixed_pairs(generator, 64, centre=1.0, size=0.01), "none"),
        ),
        Case(
            "coordinates_up_to_1500",
            giou(*mixed_pairs(generator, 256, centre=1500.0, size=300.0), "none"),
        ),
        Case(
            "coordinates_up_to_1000_sum",
            giou(*mixed_pairs(generator, 256, centre=1000.0, size=100.0), "sum"),
        ),
        Case(
            "integer_boxes_with_ties_and_zero_areas",
            giou(many, integer_boxes(generator, 3000, 1000, 60) // 2 + many // 2, "none"),
            extra=FORWARD_ONLY,
        ),
        Case(
            "random_20000_pairs_mean",
            giou(*mixed_pairs(generator, 20000, centre=1000.0, size=200.0), "mean"),
        ),
    ]
