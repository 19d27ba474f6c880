import math

import numpy as np

from graders.casekit import Case, rng

# The contract's looser bound for scores in the hundreds (softmax outputs then hinge on a few
# ulps of a large score): output 1e-4, gradients 1e-3.
LARGE_SCORES = {"tolerance": {"atol": 1e-4, "rtol": 1e-4, "grad_atol": 1e-3, "grad_rtol": 1e-3}}


def f32(array):
    return np.ascontiguousarray(array, dtype=np.float32)


def weights(g, e):
    """Projections at the scale nn.MultiheadAttention initialises them (xavier-uniform in
    projections, small random biases rather than its zeros, so that biases are tested)."""
    bound = math.sqrt(6.0 / (e + 3 * e))
    return {
        "in_proj_weight": f32(g.uniform(-bound, bound, (3 * e, e))),
        "in_proj_bias": f32(g.normal(0.0, 0.1, 3 * e)),
        "out_proj_weight": f32(g.uniform(-1 / math.sqrt(e), 1 / math.sqrt(e), (e, e))),
        "out_proj_bias": f32(g.normal(0.0, 0.1, e)),
    }


def attention_args(query, key, value, projections, num_heads, mask):
    return {
        "query": f32(query),
        "key": f32(key),
        "value": f32(value),
        **projections,
        "num_heads": int(num_heads),
        "key_padding_mask": None if mask is None else np.asarray(mask, dtype=bool),
    }


def padding_mask(g, b, s, fully_masked_rows=()):
    """Key padding as batches have it: row b keeps its first length_b keys (at least one),
    except the rows listed, which mask every key."""
    lengths = g.integers(1, s + 1, b)
    mask = np.arange(s)[None, :] >= lengths[:, None]
    for row in fully_masked_rows:
        mask[row] = True
    return mask


def random_case(
    g, b, length, s, e, h, mask="padding", query_scale=1.0, qk_gain=1.0, self_attention=False
):
    query = g.normal(0.0, 1.0, (b, length, e)) * query_scale
    if self_attention:
        key = value = query
    else:
        key, value = g.normal(0.0, 1.0, (b, s, e)), g.normal(0.0, 1.0, (b, s, e))
    if isinstance(mask, str):
        mask = {
            "padding": padding_mask(g, b, s),
            "random": g.random((b, s)) < 0.4,
            "none": None,
            "all_false": np.zeros((b, s), dtype=bool),
        }[mask]
    projections = weights(g, e)
    projections["in_proj_weight"][: 2 * e] *= qk_gain  # Wq and Wk: larger scores
    # key and value are copied: equal arrays but never the same object
    return attention_args(query, np.copy(key), np.copy(value), projections, h, mask)


def example_args():
    e = 4
    identity = np.eye(e)
    return attention_args(
        query=[[[1.0, 0.0, 0.0, 2.0]], [[1.0, 1.0, 1.0, 1.0]]],
        key=[
            [[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0], [3.0, 3.0, 3.0, 3.0]],
            [[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]],
        ],
        value=[
            [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [100.0, 100.0, 100.0, 100.0]],
            [[1.0, 1.0, 1.0, 1.0], [2.0, 2.0, 2.0, 2.0], [3.0, 3.0, 3.0, 3.0]],
        ],
        projections={
            "in_proj_weight": f32(np.concatenate([identity] * 3)),
            "in_proj_bias": f32(np.zeros(3 * e)),
            "out_proj_weight": f32(identity),
            "out_proj_bias": f32([0.5, 0.0, 0.0, -0.5]),
        },
        num_heads=2,
        mask=[[False, False, True], [True, True, True]],
    )


def generate():
    g = rng(20261205)
    fully_masked = random_case(g, 3, 5, 6, 16, 4)
    fully_masked["key_padding_mask"] = padding_mask(g, 3, 6, fully_masked_rows=(1,))
    single_key = random_case(g, 2, 4, 1, 8, 2)
    single_key["key_padding_mask"] = np.array([[False], [True]])
    return [
        Case("example", example_args(), sample=True, note="the worked example of the statement"),
        Case("two_batches_4_heads_padding", random_case(g, 2, 5, 7, 16, 4), sample=True),
        Case("four_heads_of_8_no_mask", random_case(g, 2, 6, 6, 32, 4, mask="none")),
        Case("cross_attention_l_6_s_11", random_case(g, 2, 6, 11, 24, 3)),
        Case("single_head", random_case(g, 2, 5, 8, 16, 1)),
        Case("head_dim_1", random_case(g, 2, 5, 6, 8, 8)),
        Case("random_partial_mask", random_case(g, 3, 7, 9, 16, 2, mask="random")),
        Case("all_false_mask", random_case(g, 2, 4, 5, 12, 3, mask="all_false")),
        Case("fully_masked_batch_row", fully_masked),
        Case("single_key_one_row_masked", single_key),
        Case("self_attention", random_case(g, 2, 9, 9, 16, 4, self_attention=True)),
        Case(
            "query_x40_scores_in_the_hundreds",
            random_case(g, 2, 8, 10, 32, 4, query_scale=40.0, qk_gain=2.0),
            extra=dict(LARGE_SCORES),
        ),
        Case("seq_256_embed_256_8_heads", random_case(g, 2, 256, 256, 256, 8)),
    ]
