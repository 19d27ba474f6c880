import numpy as np

from graders.casekit import Case, rng


def too_close_to_the_radius(points, queries, radius):
    """Masks (S, N) of the pairs whose squared distance is within the margin of radius^2.

    Candidates may compute d2 as a sum of squared differences or as |q|^2 + |p|^2 - 2 q.p, in
    any order; a pair that close to the boundary could fall on either side of it.
    """
    p = points.astype(np.float64)
    q = queries.astype(np.float64)
    scale = (q**2).sum(-1)[:, None] + (p**2).sum(-1)[None, :]
    d2 = scale - 2 * q @ p.T  # float64: its rounding is far below the margin
    r2 = float(np.float32(radius)) ** 2
    return np.abs(d2 - r2) < 1e-4 * r2 + 1e-6 * scale


def with_margin(g, points, query_index, radius, jitter=None):
    """Redraws points (queries are points[query_index], as after FPS) until no pair is too close
    to the radius. `jitter` draws replacement coordinates for k points."""
    points = points.copy()
    for _ in range(50):
        bad = too_close_to_the_radius(points, points[query_index], radius)
        if not bad.any():
            return points, points[query_index]
        rows, cols = np.nonzero(bad)
        redraw = np.unique(np.concatenate([query_index[rows], cols]))
        points[redraw] = jitter(len(redraw))
    raise AssertionError("could not keep every pair away from the radius")


def cloud_case(g, name, batch, n, s, radius, nsample, sample=False, spread=1.0):
    """Uniform clouds in [0, spread]^3, queries a random subset of each cloud."""
    xyz, new_xyz = [], []
    for _ in range(batch):
        points = g.uniform(0, spread, (n, 3)).astype(np.float32)
        query_index = g.choice(n, s, replace=False)
        points, queries = with_margin(
            g,
            points,
            query_index,
            radius,
            lambda k: g.uniform(0, spread, (k, 3)).astype(np.float32),
        )
        xyz.append(points)
        new_xyz.append(queries)
    return case(name, np.stack(xyz), np.stack(new_xyz), radius, nsample, sample)


def case(name, xyz, new_xyz, radius, nsample, sample=False):
    xyz = np.asarray(xyz, dtype=np.float32)
    new_xyz = np.asarray(new_xyz, dtype=np.float32)
    return Case(
        name,
        {"xyz": xyz, "new_xyz": new_xyz, "radius": float(radius), "nsample": int(nsample)},
        sample=sample,
    )


def lattice(g, radius, query_count):
    """Binary-exact data: a shuffled lattice of spacing 0.5 and dyadic queries, so that some
    d2 equal radius^2 exactly in every formulation (those points are outside the ball)."""
    axes = np.meshgrid(np.arange(5) * 0.5, np.arange(4) * 0.5, np.arange(3) * 0.5, indexing="ij")
    points = np.stack(axes, -1).reshape(-1, 3)
    points = points[g.permutation(len(points))]
    queries = points[g.choice(len(points), query_count, replace=False)].copy()
    if radius == 0.75:
        # A quarter step along one axis: 0.75^2 = 0.75^2 + 0 + 0 = 0.25^2 + 0.5^2 + 0.5^2.
        axis = g.integers(0, 3, query_count)
        queries[np.arange(query_count), axis] += 0.25
    d2 = ((queries[:, None, :] - points[None, :, :]) ** 2).sum(-1)
    assert (d2 == radius * radius).sum() >= query_count, "every query has a point on the sphere"
    return points[None], queries[None]


def generate():
    g = rng(1706)
    line = np.zeros((1, 6, 3))
    line[0, :, 0] = [0.0, 0.3, 2.0, 0.35, 0.1, 5.0]
    line_queries = np.array([[[0.0, 0.0, 0.0], [2.1, 0.0, 0.0], [10.0, 0.0, 0.0]]])

    far = g.uniform(0, 1, (2, 40, 3))
    far_queries = g.uniform(5, 6, (2, 6, 3)) * g.choice([-1.0, 1.0], (2, 6, 3))

    # Arbitrary query points around a cloud in [0, 1]^3: inside, near and outside it.
    around = g.uniform(0, 1, (1, 150, 3)).astype(np.float32)
    around_queries = g.uniform(-0.5, 1.5, (1, 40, 3)).astype(np.float32)
    for _ in range(50):
        bad = too_close_to_the_radius(around[0], around_queries[0], 0.25)
        if not bad.any():
            break
        rows = np.unique(np.nonzero(bad)[0])
        around_queries[0, rows] = g.uniform(-0.5, 1.5, (len(rows), 3))
    assert not too_close_to_the_radius(around[0], around_queries[0], 0.25).any()

    return [
        case("example", line, line_queries, 0.4, 3, sample=True),
        cloud_case(g, "small_cloud", 1, 30, 5, 0.3, 4, sample=True),
        case("exact_boundary_lattice_radius_0_5", *lattice(g, 0.5, 12), 0.5, 8),
        case("exact_boundary_lattice_radius_0_75", *lattice(g, 0.75, 16), 0.75, 32),
        cloud_case(g, "fewer_hits_than_nsample_pads_with_first_hit", 2, 100, 30, 0.2, 6),
        cloud_case(g, "more_hits_than_nsample_first_in_index_order", 2, 200, 30, 0.35, 8),
        case("queries_far_from_every_point_give_zeros", far, far_queries, 0.3, 5),
        case("queries_around_the_cloud", around, around_queries, 0.25, 8),
        cloud_case(g, "n_smaller_than_nsample", 2, 5, 3, 0.6, 8),
        cloud_case(g, "nsample_one", 2, 60, 20, 0.3, 1),
        cloud_case(g, "batches_with_different_clouds", 3, 80, 16, 0.3, 6),
        cloud_case(g, "sa_layer_n512_s64", 2, 512, 64, 0.2, 32),
        cloud_case(g, "msg_scale_b2_n4096_s1024_r0_1", 2, 4096, 1024, 0.1, 16),
    ]
