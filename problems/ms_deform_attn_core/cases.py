import numpy as np

from graders.casekit import Case, rng


def locations(g, shapes, n, lq, m, p, lo=0.0, hi=1.0):
    """Random sampling locations at least 1e-3 pixel away from integer pixel coordinates.

    Bilinear interpolation is not differentiable on integer coordinates (px = x * W_l - 0.5),
    and two formulas of px may round to different sides of one; gradient cases avoid both.
    """
    level_count = len(shapes)
    loc = g.uniform(lo, hi, (n, lq, m, level_count, p, 2)).astype(np.float32)
    sizes = np.array([[w, h] for h, w in shapes], dtype=np.float64)  # (L, 2) as (x, y)
    for _ in range(100):
        pix = loc.astype(np.float64) * sizes[:, None, :] - 0.5
        bad = (np.abs(pix - np.round(pix)) < 2e-3).any(axis=-1)
        if not bad.any():
            return loc
        loc[bad] = g.uniform(lo, hi, (int(bad.sum()), 2)).astype(np.float32)
    raise AssertionError("could not keep the locations away from integer pixel coordinates")


def softmax_weights(g, n, lq, m, level_count, p):
    """Attention weights as the model produces them: a softmax over the L * P samples."""
    logits = g.normal(size=(n, lq, m, level_count * p))
    weights = np.exp(logits - logits.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    return weights.reshape(n, lq, m, level_count, p).astype(np.float32)


def random_case(g, name, shapes, n, lq, m, d, p, lo=0.0, hi=1.0, normalised=True, sample=False):
    s = sum(h * w for h, w in shapes)
    weights = (
        softmax_weights(g, n, lq, m, len(shapes), p)
        if normalised
        else g.normal(size=(n, lq, m, len(shapes), p)).astype(np.float32)
    )
    return Case(
        name,
        {
            "value": g.normal(size=(n, s, m, d)).astype(np.float32),
            "spatial_shapes": np.array(shapes, dtype=np.int64),
            "sampling_locations": locations(g, shapes, n, lq, m, p, lo, hi),
            "attention_weights": weights,
        },
        sample=sample,
    )


def generate():
    g = rng(2010)
    # One level of H = 1, W = 2; head 0 holds [10, 20], head 1 holds [1, 2] (D = 1).
    example = Case(
        "example",
        {
            "value": np.array([[[[10.0], [1.0]], [[20.0], [2.0]]]], dtype=np.float32),
            "spatial_shapes": np.array([[1, 2]], dtype=np.int64),
            "sampling_locations": np.full((1, 1, 2, 1, 1, 2), [0.5, 0.75], dtype=np.float32),
            "attention_weights": np.array([1.0, 2.0], dtype=np.float32).reshape(1, 1, 2, 1, 1),
        },
        sample=True,
    )
    return [
        example,
        random_case(g, "two_levels_basic", [(4, 4), (2, 2)], 1, 5, 2, 3, 2, sample=True),
        random_case(g, "non_square_levels_3x7_and_6x2", [(3, 7), (6, 2)], 2, 6, 2, 4, 3),
        random_case(g, "one_by_one_level", [(5, 3), (1, 1)], 2, 4, 2, 3, 2),
        random_case(
            g, "locations_past_the_edges", [(4, 6), (2, 3)], 2, 8, 2, 3, 3, lo=-0.2, hi=1.2
        ),
        random_case(g, "single_head", [(6, 5), (3, 3)], 1, 7, 1, 4, 2),
        random_case(g, "single_channel_per_head", [(5, 4), (3, 2)], 2, 5, 3, 1, 2),
        random_case(g, "one_query_one_point", [(4, 7), (2, 4), (1, 2)], 2, 1, 2, 3, 1),
        random_case(
            g, "unnormalised_attention_weights", [(7, 3), (4, 2)], 1, 6, 2, 3, 3, normalised=False
        ),
        random_case(
            g,
            "detr_like_4_levels_8_heads",
            [(16, 16), (8, 8), (4, 4), (2, 2)],
            2,
            100,
            8,
            32,
            4,
            lo=-0.1,
            hi=1.1,
        ),
    ]
