import math

import numpy as np

from graders.casekit import Case, rng

RCNN = (10.0, 10.0, 5.0, 5.0)
UNIT = (1.0, 1.0, 1.0, 1.0)
ASYMMETRIC = (1.0, 2.0, 3.0, 4.0)
# The contract's decode tolerance (coordinates reach 1e4 once dw is clipped); encode's is the
# [checker] table's.
DECODE = {"tolerance": {"atol": 1e-2, "rtol": 1e-5}}


def f32(values, columns=4):
    return np.asarray(values, dtype=np.float32).reshape(-1, columns)


def encode(weights, reference_boxes, proposals):
    return {
        "mode": "encode",
        "weights": tuple(float(w) for w in weights),
        "reference_boxes": f32(reference_boxes),
        "proposals": f32(proposals),
    }


def decode(weights, rel_codes, boxes):
    codes = np.asarray(rel_codes, dtype=np.float32)
    assert codes.ndim == 2 and codes.shape[1] % 4 == 0
    return {
        "mode": "decode",
        "weights": tuple(float(w) for w in weights),
        "rel_codes": codes,
        "boxes": f32(boxes),
    }


def proposals(g, n, size_low=4.0, size_high=300.0, low=0.0):
    """xyxy boxes inside [low, 1000] with sizes log-uniform in [size_low, size_high]."""
    sizes = np.exp(g.uniform(math.log(size_low), math.log(size_high), (n, 2)))
    corners = g.uniform(low, 1000.0 - sizes, (n, 2))
    return np.concatenate([corners, corners + sizes], axis=1).astype(np.float32)


def ground_truth_near(g, boxes):
    """Matched ground truth: centres moved by up to ~20% of the size, sizes scaled by e^±0.3,
    kept inside [0, 1000] with sizes >= 4."""
    boxes = boxes.astype(np.float64)
    size = boxes[:, 2:] - boxes[:, :2]
    centre = boxes[:, :2] + size / 2 + g.normal(0.0, 0.1, size.shape) * size
    new_size = np.maximum(size * np.exp(g.uniform(-0.3, 0.3, size.shape)), 4.0)
    low = np.clip(centre - new_size / 2, 0.0, 1000.0 - new_size)
    return np.concatenate([low, low + new_size], axis=1).astype(np.float32)


def random_encode(g, weights, n, **box_options):
    boxes = proposals(g, n, **box_options)
    return encode(weights, ground_truth_near(g, boxes), boxes)


def random_decode(g, weights, n, k, code_scale=1.0, **box_options):
    return decode(weights, g.normal(0.0, code_scale, (n, 4 * k)), proposals(g, n, **box_options))


def clip_codes(g, ww, raw_values):
    """One row per raw dw/dh value (both set to it), around the clip threshold."""
    n = len(raw_values)
    codes = g.normal(0.0, 1.0, (n, 4))
    codes[:, 2] = raw_values
    codes[:, 3] = raw_values[::-1]
    return codes


def round_trip(g, weights, n):
    """Codes of matched pairs encoded by the float64 formula, then decoded: gives back the
    ground truth (to rounding)."""
    p = proposals(g, n).astype(np.float64)
    t = ground_truth_near(g, p.astype(np.float32)).astype(np.float64)
    pw, ph = p[:, 2] - p[:, 0], p[:, 3] - p[:, 1]
    tw, th = t[:, 2] - t[:, 0], t[:, 3] - t[:, 1]
    wx, wy, ww, wh = weights
    codes = np.stack(
        [
            wx * ((t[:, 0] + tw / 2) - (p[:, 0] + pw / 2)) / pw,
            wy * ((t[:, 1] + th / 2) - (p[:, 1] + ph / 2)) / ph,
            ww * np.log(tw / pw),
            wh * np.log(th / ph),
        ],
        axis=1,
    )
    return decode(weights, codes, p)


def generate():
    g = rng(20261204)
    example = encode(
        RCNN,
        [[12.0, 22.0, 52.0, 62.0], [100.0, 100.0, 140.0, 120.0]],
        [[10.0, 20.0, 50.0, 60.0], [100.0, 100.0, 120.0, 120.0]],
    )
    example_decode = decode(
        RCNN,
        [[1.0, -2.0, 0.0, 5.0 * math.log(2.0)], [0.0, 0.0, 25.0, -5.0]],
        [[10.0, 20.0, 50.0, 60.0], [100.0, 100.0, 120.0, 120.0]],
    )

    identical_boxes = proposals(g, 30)
    small = random_encode(g, RCNN, 200, size_low=4.0, size_high=12.0)
    far = random_encode(g, ASYMMETRIC, 200, size_low=4.0, size_high=40.0, low=900.0)

    clip_rows = clip_codes(g, 5.0, np.array([15.0, 20.0, 21.0, 30.0, 20.5, 20.75]))
    clip_boxes = proposals(g, len(clip_rows))
    negative_rows = g.normal(0.0, 1.0, (6, 4))
    negative_rows[:, 2] = [-200.0, -50.0, -25.0, -10.0, -5.0, -21.0]
    negative_rows[:, 3] = [-21.0, -5.0, -10.0, -25.0, -50.0, -200.0]
    extreme_rows = g.uniform(-2.0, 2.0, (8, 12))
    extreme_rows[:, 2::4] = g.uniform(-200.0, 200.0, (8, 3))
    extreme_rows[:, 3::4] = g.uniform(-200.0, 200.0, (8, 3))

    return [
        Case("example", example, sample=True, note="the worked encode example of the statement"),
        Case(
            "example_decode",
            example_decode,
            sample=True,
            extra=dict(DECODE),
            note="the worked decode example of the statement",
        ),
        Case("encode_weights_1_1_1_1", random_encode(g, UNIT, 50)),
        Case("encode_asymmetric_weights_1_2_3_4", random_encode(g, ASYMMETRIC, 50)),
        Case("encode_identical_boxes_give_zero", encode(RCNN, identical_boxes, identical_boxes)),
        Case("encode_no_boxes", encode(RCNN, np.zeros((0, 4)), np.zeros((0, 4)))),
        Case("encode_small_boxes_4_to_12_px", small),
        Case("encode_boxes_near_1000", far),
        Case(
            "decode_three_classes",
            random_decode(g, RCNN, 20, 3),
            extra=dict(DECODE),
        ),
        Case(
            "decode_asymmetric_weights_1_2_3_4",
            random_decode(g, ASYMMETRIC, 40, 2, code_scale=2.0),
            extra=dict(DECODE),
        ),
        Case(
            "decode_clip_after_dividing_by_ww_5",
            decode(RCNN, clip_rows, clip_boxes),
            extra=dict(DECODE),
        ),
        Case(
            "decode_large_negative_dw_not_clipped",
            decode(RCNN, negative_rows, proposals(g, 6)),
            extra=dict(DECODE),
        ),
        Case(
            "decode_dw_up_to_200_weights_1",
            decode(UNIT, extreme_rows, proposals(g, 8, size_high=1000.0)),
            extra=dict(DECODE),
        ),
        Case(
            "decode_no_boxes_three_classes",
            decode(RCNN, np.zeros((0, 12)), np.zeros((0, 4))),
            extra=dict(DECODE),
        ),
        Case("decode_of_encoded_targets", round_trip(g, RCNN, 100), extra=dict(DECODE)),
        Case("encode_20000_pairs", random_encode(g, RCNN, 20000)),
        Case(
            "decode_1000_proposals_91_classes",
            random_decode(g, RCNN, 1000, 91),
            extra=dict(DECODE),
        ),
    ]
