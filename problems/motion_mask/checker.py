import numpy as np

from graders.checkers import CheckOutcome
from graders.values import as_array


def check(actual, expected, case, params):
    mask = as_array(actual, kinds="b", shape=expected.shape, name="mask")
    wrong = mask != expected
    if not wrong.any():
        return CheckOutcome(True)
    frames = case.args["frames"]
    alpha, threshold = case.args["alpha"], case.args["threshold"]
    band = float(params.get("threshold_band", 1e-9))
    background = frames[0].astype(np.float64)
    for t in range(len(frames)):
        frame = frames[t].astype(np.float64)
        gap = np.abs(np.abs(frame - background) - threshold)
        near = (gap > 0) & (gap <= band)  # exactly on the threshold the strict rule applies
        bad = wrong[t] & ~near
        if bad.any():
            y, x = (int(i) for i in np.argwhere(bad)[0])
            return CheckOutcome(
                False,
                f"mask[{t}, {y}, {x}] is {bool(mask[t, y, x])}, expected {bool(expected[t, y, x])}",
            )
        background = (1 - alpha) * background + alpha * frame
    return CheckOutcome(True)
