import numpy as np

from graders.checkers import CheckOutcome
from graders.values import OutputMismatch, as_array


def cost(R, t, a, b):
    residual = a @ R.T + t - b
    return float(np.sum(residual * residual))


def check(actual, expected, case, params):
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        raise OutputMismatch("output: expected a tuple (R, t)")
    R = as_array(actual[0], kinds="fiu", shape=(3, 3), name="R").astype(np.float64)
    t = as_array(actual[1], kinds="fiu", shape=(3,), name="t").astype(np.float64)
    if not (np.isfinite(R).all() and np.isfinite(t).all()):
        return CheckOutcome(False, "R or t contains NaN or infinity")
    if not np.allclose(R.T @ R, np.eye(3), atol=1e-6):
        return CheckOutcome(False, "R is not orthonormal (R.T @ R != I)")
    det = float(np.linalg.det(R))
    if det < 0:
        return CheckOutcome(False, f"det(R) = {det:.6f}: a reflection, not a rotation")
    a, b = case.args["a"], case.args["b"]
    mine = cost(R, t, a, b)
    best = cost(expected[0], expected[1], a, b)
    if mine <= best * (1 + float(params.get("cost_rtol", 1e-7))) + float(
        params.get("cost_atol", 1e-9)
    ):
        return CheckOutcome(True)
    return CheckOutcome(False, f"cost {mine:.9g} is above the optimum {best:.9g}")
