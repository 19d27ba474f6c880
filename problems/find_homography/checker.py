import numpy as np

from graders.checkers import CheckOutcome
from graders.values import as_array


def transfer(h, points):
    mapped = np.c_[points, np.ones(len(points))] @ h.T
    return mapped[:, :2] / mapped[:, 2:3]


def check(actual, expected, case, params):
    h = as_array(actual, kinds="fiu", shape=(3, 3), name="H").astype(np.float64)
    if not np.isfinite(h).all():
        return CheckOutcome(False, "H contains NaN or infinity")
    if abs(h[2, 2] - 1) > 1e-6:
        return CheckOutcome(False, f"H[2, 2] is {h[2, 2]!r}; normalise so that it is 1")
    src = case.args["src"]
    truth = case.extra.get("dst_true", case.args["dst"])
    with np.errstate(all="ignore"):
        mine = transfer(h, src)
        theirs = transfer(np.asarray(expected), src)
    errors = np.sqrt(((mine - truth) ** 2).sum(axis=1))
    if not np.isfinite(errors).all():
        return CheckOutcome(False, "H sends a point to infinity")
    if "dst_true" not in case.extra:
        worst = float(errors.max())
        tolerance = float(params.get("exact_tolerance_px", 1e-6))
        if worst <= tolerance:
            return CheckOutcome(True)
        return CheckOutcome(
            False, f"a point lands {worst:.3g} px from its match (allowed {tolerance:g} px)"
        )
    rms = float(np.sqrt(np.mean(errors**2)))
    reference_rms = float(np.sqrt(np.mean(((theirs - truth) ** 2).sum(axis=1))))
    bound = float(params.get("noisy_ratio", 1.5)) * reference_rms + 1e-9
    if rms <= bound:
        return CheckOutcome(True)
    return CheckOutcome(False, f"RMS transfer error {rms:.4f} px; the bound is {bound:.4f} px")
