import numpy as np

from graders.checkers import CheckOutcome, same_partition
from graders.values import OutputMismatch, as_array


def check(actual, expected, case, params):
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        raise OutputMismatch("output: expected a tuple (n, labels)")
    n, labels = actual
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    if not isinstance(n, int) or isinstance(n, bool):
        raise OutputMismatch("n: expected an int")
    expected_n, expected_labels = expected
    labels = as_array(labels, kinds="iu", shape=expected_labels.shape, name="labels")
    if n != expected_n:
        return CheckOutcome(False, f"n is {n}, expected {expected_n}")
    used = set(np.unique(labels).tolist()) - {0}
    if used != set(range(1, n + 1)):
        extra = sorted(used - set(range(1, n + 1)))[:3]
        return CheckOutcome(False, f"labels must be 1..{n}; found {extra or 'too few labels'}")
    outcome = same_partition(
        labels.astype(np.int64), expected_labels.astype(np.int64), background=0
    )
    return outcome if outcome.ok else CheckOutcome(False, f"labels: {outcome.message}")
