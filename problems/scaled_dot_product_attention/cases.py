import numpy as np

from graders.casekit import Case, rng


def case(name, q, k, v, mask, sample=False):
    return Case(
        name,
        {
            "q": np.asarray(q, dtype=np.float64),
            "k": np.asarray(k, dtype=np.float64),
            "v": np.asarray(v, dtype=np.float64),
            "mask": None if mask is None else np.asarray(mask, dtype=bool),
        },
        sample=sample,
    )


def generate():
    g = rng(1706)
    causal = np.tril(np.ones((6, 6), dtype=bool))
    some_rows_empty = g.random((5, 7)) < 0.5
    some_rows_empty[[1, 3]] = False
    return [
        case(
            "example",
            [[[[1.0, 0.0]]]],
            [[[[1.0, 0.0], [0.0, 1.0]]]],
            [[[[10.0], [20.0]]]],
            None,
            sample=True,
        ),
        case(
            "example_first_key_masked",
            [[[[1.0, 0.0]]]],
            [[[[1.0, 0.0], [0.0, 1.0]]]],
            [[[[10.0], [20.0]]]],
            [[False, True]],
            sample=True,
        ),
        case(
            "causal_mask",
            g.normal(size=(1, 2, 6, 4)),
            g.normal(size=(1, 2, 6, 4)),
            g.normal(size=(1, 2, 6, 3)),
            causal,
            sample=True,
        ),
        case(
            "value_dim_differs_scale_by_d",
            g.normal(size=(2, 1, 3, 16)),
            g.normal(size=(2, 1, 5, 16)),
            g.normal(size=(2, 1, 5, 2)),
            None,
        ),
        case(
            "rows_without_allowed_keys_are_zero",
            g.normal(size=(1, 3, 5, 8)),
            g.normal(size=(1, 3, 7, 8)),
            g.normal(size=(1, 3, 7, 4)),
            some_rows_empty,
        ),
        case(
            "all_masked",
            g.normal(size=(1, 1, 2, 2)),
            g.normal(size=(1, 1, 3, 2)),
            g.normal(size=(1, 1, 3, 2)),
            np.zeros((2, 3), bool),
        ),
        case(
            "logits_near_1e4",
            g.normal(size=(1, 2, 4, 4)) * 100,
            g.normal(size=(1, 2, 6, 4)) * 100,
            g.normal(size=(1, 2, 6, 3)),
            None,
        ),
        case(
            "single_key",
            g.normal(size=(2, 2, 3, 5)),
            g.normal(size=(2, 2, 1, 5)),
            g.normal(size=(2, 2, 1, 5)),
            None,
        ),
        case(
            "vit_base_layer",
            g.normal(size=(4, 12, 197, 64)),
            g.normal(size=(4, 12, 197, 64)),
            g.normal(size=(4, 12, 197, 64)),
            None,
        ),
    ]
