import numpy as np

from graders.checkers import CheckOutcome
from graders.values import OutputMismatch


def between_class_variances(image: np.ndarray) -> np.ndarray:
    """sigma_B^2 for every t in 0..255 (NaN where a class is empty), in float64."""
    p = np.bincount(image.ravel(), minlength=256).astype(np.float64) / image.size
    levels = np.arange(256, dtype=np.float64)
    q0 = np.cumsum(p)
    q1 = 1.0 - q0
    m0 = np.cumsum(p * levels)
    mu = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        mu0 = m0 / q0
        mu1 = (mu - m0) / q1
        sigma = q0 * q1 * (mu0 - mu1) ** 2
    valid = (q0 > 1e-12) & (q1 > 1e-12)
    return np.where(valid, sigma, np.nan)


def check(actual, expected, case, params):
    if isinstance(actual, float) and actual.is_integer():
        actual = int(actual)
    if not isinstance(actual, int) or isinstance(actual, bool):
        raise OutputMismatch(f"output: expected an int, got {type(actual).__name__}")
    if not 0 <= actual <= 255:
        return CheckOutcome(False, f"threshold {actual} is outside 0..255")
    sigma = between_class_variances(case.args["image"])
    if np.all(np.isnan(sigma)):
        ok = actual == expected
        return CheckOutcome(
            ok, "" if ok else f"a constant image has threshold {expected}, got {actual}"
        )
    best = np.nanmax(sigma)
    mine = sigma[actual]
    if np.isnan(mine):
        return CheckOutcome(
            False, f"threshold {actual} leaves one class empty; expected {expected}"
        )
    if mine >= best * (1 - 1e-9):
        return CheckOutcome(True)
    return CheckOutcome(
        False,
        f"threshold {actual} has between-class variance {mine:.6g}; {expected} has {best:.6g}",
    )
