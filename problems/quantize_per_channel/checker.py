import numpy as np

from graders.checkers import CheckOutcome
from graders.values import OutputMismatch, as_array


def unrounded(case, expected):
    """weight / scale, the values q rounds (for graders.diagnosis); scale is not rounded."""
    weight = np.asarray(case.args["weight"], dtype=np.float64)
    scale = np.asarray(expected[1], dtype=np.float64).reshape((-1,) + (1,) * (weight.ndim - 1))
    return weight / scale, None


def check(actual, expected, case, params):
    expected_q, expected_scale = expected
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        raise OutputMismatch("output: expected a tuple (q, scale)")
    q = as_array(actual[0], kinds="iu", shape=expected_q.shape, name="q")
    scale = as_array(actual[1], kinds="f", shape=expected_scale.shape, name="scale")
    rtol = float(params.get("scale_rtol", 1e-6))
    if not np.allclose(scale, expected_scale, rtol=rtol, atol=0):
        bad = int(np.flatnonzero(~np.isclose(scale, expected_scale, rtol=rtol, atol=0))[0])
        return CheckOutcome(
            False, f"scale[{bad}] is {scale[bad]!r}, expected {expected_scale[bad]!r}"
        )
    diff = q.astype(np.int64) - expected_q.astype(np.int64)
    if not diff.any():
        return CheckOutcome(True)
    # Near (not on) a half, float32 and float64 may round apart: allow 1 there only.
    weight = np.asarray(case.args["weight"], dtype=np.float64)
    ratio = weight / expected_scale.astype(np.float64).reshape((-1,) + (1,) * (weight.ndim - 1))
    distance = np.abs(np.abs(ratio - np.floor(ratio)) - 0.5)
    excused = (np.abs(diff) == 1) & (distance < 1e-5) & (distance > 0)
    bad = (diff != 0) & ~excused
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        return CheckOutcome(
            False, f"q{list(index)} is {int(q[index])}, expected {int(expected_q[index])}"
        )
    return CheckOutcome(True)
