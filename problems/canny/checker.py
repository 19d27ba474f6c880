import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from graders.checkers import CheckOutcome
from graders.values import as_array


def tolerant_f1(predicted: np.ndarray, reference: np.ndarray) -> float:
    """F1 with a one-to-one matching of pixels within Chebyshev distance 1."""
    p, r = np.argwhere(predicted), np.argwhere(reference)
    if len(p) == 0 and len(r) == 0:
        return 1.0
    if len(p) == 0 or len(r) == 0:
        return 0.0
    index = np.full((reference.shape[0] + 2, reference.shape[1] + 2), -1, dtype=np.int64)
    index[1:-1, 1:-1][reference] = np.arange(len(r))
    rows, cols = [], []
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            j = index[p[:, 0] + 1 + dy, p[:, 1] + 1 + dx]
            ok = j >= 0
            rows.append(np.flatnonzero(ok))
            cols.append(j[ok])
    rows_all, cols_all = np.concatenate(rows), np.concatenate(cols)
    graph = csr_matrix((np.ones(len(rows_all)), (rows_all, cols_all)), shape=(len(p), len(r)))
    matching = maximum_bipartite_matching(graph, perm_type="column")
    return 2 * int((matching >= 0).sum()) / (len(p) + len(r))


def check(actual, expected, case, params):
    edges = as_array(actual, kinds="b", shape=expected.shape, name="edges")
    score = tolerant_f1(edges, expected)
    threshold = float(params.get("min_f1", 0.9))
    if score >= threshold:
        return CheckOutcome(True, f"F1 {score:.4f}")
    return CheckOutcome(
        False,
        f"F1 {score:.4f} (with a 1-pixel tolerance) is below {threshold}; "
        f"{int(edges.sum())} edge pixels, expected about {int(expected.sum())}",
    )
