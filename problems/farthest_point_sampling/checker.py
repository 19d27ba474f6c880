import numpy as np

from graders.checkers import CheckOutcome
from graders.values import as_array


def check(actual, expected, case, params):
    points = np.asarray(case.args["points"], dtype=np.float64)
    k = case.args["k"]
    chosen = as_array(actual, kinds="iu", shape=(k,), name="indices").astype(np.int64)
    n = len(points)
    if ((chosen < 0) | (chosen >= n)).any():
        return CheckOutcome(False, "an index is out of range")
    if chosen[0] != 0:
        return CheckOutcome(False, f"the first index must be 0, got {chosen[0]}")
    band = float(params.get("relative_band", 1e-9))
    nearest = np.sum((points - points[0]) ** 2, axis=1)
    for step in range(1, k):
        pick = int(chosen[step])
        best = nearest.max()
        if nearest[pick] < best * (1 - band) - 1e-300:
            return CheckOutcome(
                False,
                f"step {step}: point {pick} is at squared distance {nearest[pick]:.6g} from the "
                f"chosen set; point {int(np.argmax(nearest))} is at {best:.6g}",
            )
        exact_ties = np.flatnonzero(nearest == best)
        if nearest[pick] == best and pick != exact_ties[0]:
            return CheckOutcome(
                False,
                f"step {step}: tie at distance {best:.6g}; the lowest index is {exact_ties[0]}",
            )
        nearest = np.minimum(nearest, np.sum((points - points[pick]) ** 2, axis=1))
    return CheckOutcome(True)
