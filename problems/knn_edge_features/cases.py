import numpy as np

from graders.casekit import Case, rng


def gap_rows(x, k):
    """Points i among whose k + 1 smallest squared distances two come closer than the margin
    (those decide the neighbours and their order; farther gaps never reach the output)."""
    p = x.astype(np.float64).T  # (N, C)
    d2 = ((p[:, None, :] - p[None, :, :]) ** 2).sum(-1)
    scale = 1e-4 * max(1.0, float((p**2).sum(-1).max()) / 10)
    ordered = np.sort(d2, axis=1)
    gaps = np.diff(ordered[:, : k + 1], axis=1)
    return np.nonzero((gaps < scale).any(axis=1))[0], np.argsort(d2, axis=1, kind="stable")


def separated(g, c, n, k):
    """N(0, 1) points for which, for every i, the k + 1 smallest squared distances are >= 1e-4
    apart (more for large C), so the |xi|^2 - 2 xi.xj + |xj|^2 expansion orders them the same."""
    x = g.normal(size=(c, n))
    for _ in range(200):
        rows, order = gap_rows(x, k)
        if not len(rows):
            return x.astype(np.float32)
        # Redraw, for each offending i, the neighbour that sits in the tightest gap.
        i = rows[0]
        ordered = np.sort(((x.T - x.T[i]) ** 2).sum(-1))[: k + 1]
        j = order[i][int(np.argmin(np.diff(ordered))) + 1]
        x[:, j] = g.normal(size=c)
        x = x.astype(np.float32).astype(np.float64)
    raise AssertionError("could not separate the distances")


def case(name, x, k, sample=False):
    return Case(name, {"x": np.asarray(x, dtype=np.float32), "k": int(k)}, sample=sample)


def generate():
    g = rng(1801)
    # Five points on a line, one channel: x = 0, 3, 1, 7, 2.
    example = np.array([[[0.0, 3.0, 1.0, 7.0, 2.0]]])
    ties = g.integers(0, 4, (1, 3, 24))
    duplicates = g.integers(0, 3, (2, 2, 12))
    duplicates[:, :, 7] = duplicates[:, :, 2]  # point 7 duplicates point 2 (lower index first)
    duplicates[:, :, 9] = duplicates[:, :, 4]
    return [
        case("example", example, 3, sample=True),
        case("small_random", np.stack([separated(g, 3, 10, 4)]), 4, sample=True),
        case("integer_coordinates_with_ties", ties, 6),
        case("duplicate_points_lower_index_first", duplicates, 4),
        case("k_equals_one_is_the_point_itself", np.stack([separated(g, 3, 16, 1)]), 1),
        case("k_equals_n", np.stack([separated(g, 2, 9, 9) for _ in range(2)]), 9),
        case("one_channel", np.stack([separated(g, 1, 20, 5) for _ in range(2)]), 5),
        case("sixteen_channels", np.stack([separated(g, 16, 32, 8)]), 8),
        case(
            "batches_with_different_clouds", np.stack([separated(g, 3, 20, 6) for _ in range(3)]), 6
        ),
        case("n64_k20", np.stack([separated(g, 3, 64, 20) for _ in range(2)]), 20),
        case("n128_k20_64_channels", np.stack([separated(g, 64, 128, 20) for _ in range(2)]), 20),
    ]
