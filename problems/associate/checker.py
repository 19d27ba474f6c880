import importlib.util
from pathlib import Path

import numpy as np

from graders.checkers import CheckOutcome
from graders.values import as_array

_spec = importlib.util.spec_from_file_location(
    "associate_reference", Path(__file__).with_name("reference.py")
)
_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_reference)


def check(actual, expected, case, params):
    if isinstance(actual, (list, tuple)) and len(actual) == 0:
        pairs = np.zeros((0, 2), dtype=np.int64)
    else:
        pairs = as_array(actual, kinds="iu", shape=(None, 2), name="pairs")
    iou = _reference.iou_matrix(case.args["tracks"], case.args["detections"])
    threshold = case.args["iou_threshold"]
    n, m = iou.shape
    for t, d in pairs.tolist():
        if not (0 <= t < n and 0 <= d < m):
            return CheckOutcome(
                False, f"pair ({t}, {d}) is out of range ({n} tracks, {m} detections)"
            )
        if iou[t, d] < threshold:
            return CheckOutcome(False, f"pair ({t}, {d}) has IoU {iou[t, d]:.4f} < {threshold}")
    if len(set(pairs[:, 0].tolist())) != len(pairs):
        return CheckOutcome(False, "a track appears in more than one pair")
    if len(set(pairs[:, 1].tolist())) != len(pairs):
        return CheckOutcome(False, "a detection appears in more than one pair")
    total = float(sum(iou[t, d] for t, d in pairs.tolist()))
    best = float(sum(iou[t, d] for t, d in expected))
    if total < best - float(params.get("total_atol", 1e-9)):
        return CheckOutcome(False, f"total IoU {total:.6f} is below the optimum {best:.6f}")
    return CheckOutcome(True)
