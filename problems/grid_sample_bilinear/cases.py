import numpy as np

from graders.casekit import Case, rng

FORWARD_ONLY = {"check_grad": False}


def pixel(coord, size, align_corners):
    """The unnormalised pixel coordinate of a grid value, in float64."""
    coord = coord.astype(np.float64)
    if align_corners:
        return (coord + 1) / 2 * (size - 1)
    return ((coord + 1) * size - 1) / 2


def smooth_grid(g, n, ho, wo, h, w, align_corners, lo=-1.0, hi=1.0):
    """A random grid whose samples stay 1e-3 pixel away from integer coordinates.

    Bilinear interpolation is not differentiable there, and two formulas of the unnormalisation
    may round to different sides of an integer; gradient cases must avoid both.
    """
    grid = g.uniform(lo, hi, (n, ho, wo, 2)).astype(np.float32)
    for _ in range(100):
        ix = pixel(grid[..., 0], w, align_corners)
        iy = pixel(grid[..., 1], h, align_corners)
        bad = (np.abs(ix - np.round(ix)) < 2e-3) | (np.abs(iy - np.round(iy)) < 2e-3)
        if not bad.any():
            return grid
        grid[bad] = g.uniform(lo, hi, (int(bad.sum()), 2)).astype(np.float32)
    raise AssertionError("could not keep the grid away from integer pixel coordinates")


def regular_grid(ho, wo, lo, hi, offset):
    """An upsampling-like grid: a regular lattice over [lo, hi]^2 shifted by `offset`."""
    xs = np.linspace(lo, hi, wo) + offset
    ys = np.linspace(lo, hi, ho) + offset / 3
    return np.stack(np.meshgrid(xs, ys, indexing="xy"), axis=-1)[None].astype(np.float32)


def identity_grid(h, w, align_corners):
    """The grid that reads every pixel centre once (what affine_grid(identity) builds)."""
    if align_corners:
        xs, ys = np.linspace(-1, 1, w), np.linspace(-1, 1, h)
    else:
        xs = (2 * np.arange(w) + 1) / w - 1
        ys = (2 * np.arange(h) + 1) / h - 1
    return np.stack(np.meshgrid(xs, ys, indexing="xy"), axis=-1)[None].astype(np.float32)


def distance_to_nodes(grid, h, w, align_corners):
    """The smallest distance of a sample's pixel coordinates to an integer."""
    ix = pixel(grid[..., 0], w, align_corners)
    iy = pixel(grid[..., 1], h, align_corners)
    return min(np.abs(ix - np.round(ix)).min(), np.abs(iy - np.round(iy)).min())


def case(name, image, grid, align_corners, sample=False, check_grad=True):
    image = np.asarray(image, dtype=np.float32)
    grid = np.asarray(grid, dtype=np.float32)
    if check_grad:
        assert distance_to_nodes(grid, *image.shape[2:], align_corners) >= 1e-3, name
    return Case(
        name,
        {
            "input": image,
            "grid": grid,
            "align_corners": align_corners,
        },
        sample=sample,
        extra={} if check_grad else dict(FORWARD_ONLY),
    )


def generate():
    g = rng(1315)

    def image(*shape):
        return g.normal(size=shape).astype(np.float32)

    nodes = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])
    # Pixel coordinates drawn in (-1, 0) on x, then mapped back to the grid: every sample has a
    # left corner at x = -1 (outside, weight ix + 1) and a right corner at x = 0.
    ix = g.uniform(-0.95, -0.05, (2, 5, 4))
    iy = g.integers(0, 5, (2, 5, 4)) + g.uniform(0.05, 0.95, (2, 5, 4))
    near_left_edge = np.stack([(2 * ix + 1) / 7 - 1, (2 * iy + 1) / 5 - 1], axis=-1)
    far_outside = g.uniform(2.0, 4.0, (2, 4, 5, 2)) * g.choice([-1.0, 1.0], (2, 4, 5, 2))
    return [
        # Hand-checked in the statement: 3.5, 0.25 and 3.0.
        case(
            "example",
            [[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]]],
            [[[[0.0, 0.0], [-1.0, -1.0], [1.0, 0.5]]]],
            False,
            sample=True,
            check_grad=False,
        ),
        case(
            "small_random_align_corners_true",
            image(1, 2, 3, 4),
            smooth_grid(g, 1, 2, 3, 3, 4, True),
            True,
            sample=True,
        ),
        case(
            "non_square_align_corners_false",
            image(2, 3, 5, 8),
            smooth_grid(g, 2, 4, 6, 5, 8, False),
            False,
        ),
        case(
            "non_square_align_corners_true",
            image(2, 3, 7, 4),
            smooth_grid(g, 2, 6, 3, 7, 4, True),
            True,
        ),
        case(
            "coordinates_between_minus_one_and_zero",
            image(2, 2, 5, 7),
            near_left_edge,
            False,
        ),
        case(
            "grid_past_the_edges_align_corners_false",
            image(2, 3, 6, 5),
            smooth_grid(g, 2, 7, 6, 6, 5, False, -1.5, 1.5),
            False,
        ),
        case(
            "grid_past_the_edges_align_corners_true",
            image(1, 4, 5, 9),
            smooth_grid(g, 1, 8, 7, 5, 9, True, -1.5, 1.5),
            True,
        ),
        case("grid_far_outside_gives_zeros", image(2, 3, 4, 6), far_outside, False),
        case(
            "height_one_align_corners_false",
            image(2, 3, 1, 6),
            smooth_grid(g, 2, 3, 5, 1, 6, False, -1.5, 1.5),
            False,
        ),
        # With align_corners=True and H = 1 every y maps to row 0 exactly: forward only.
        case(
            "height_one_align_corners_true",
            image(1, 2, 1, 6),
            g.uniform(-1.2, 1.2, (1, 3, 4, 2)),
            True,
            check_grad=False,
        ),
        case(
            "one_by_one_input_align_corners_false",
            image(2, 3, 1, 1),
            smooth_grid(g, 2, 3, 4, 1, 1, False, -1.5, 1.5),
            False,
        ),
        case(
            "one_by_one_input_align_corners_true",
            image(1, 3, 1, 1),
            g.uniform(-1.5, 1.5, (1, 2, 3, 2)),
            True,
            check_grad=False,
        ),
        case(
            "upsampling_grid_align_corners_false",
            image(1, 3, 4, 5),
            regular_grid(11, 13, -1.0, 1.0, 0.0137),
            False,
        ),
        case(
            "upsampling_grid_align_corners_true",
            image(1, 3, 3, 6),
            regular_grid(9, 17, -1.0, 1.0, 0.0213),
            True,
        ),
        case(
            "exact_nodes_align_corners_false",
            image(2, 2, 3, 5),
            g.choice(nodes, (2, 4, 6, 2)),
            False,
            check_grad=False,
        ),
        case(
            "exact_nodes_align_corners_true",
            image(2, 2, 5, 3),
            g.choice(nodes, (2, 6, 4, 2)),
            True,
            check_grad=False,
        ),
        case(
            "identity_grid_align_corners_true",
            image(1, 2, 4, 7),
            identity_grid(4, 7, True),
            True,
            check_grad=False,
        ),
        case(
            "identity_grid_align_corners_false",
            image(1, 2, 6, 3),
            identity_grid(6, 3, False),
            False,
            check_grad=False,
        ),
        case(
            "channels_16_32x24_align_corners_false",
            image(2, 16, 32, 24),
            smooth_grid(g, 2, 40, 30, 32, 24, False, -1.1, 1.1),
            False,
        ),
        case(
            "channels_16_32x24_align_corners_true",
            image(2, 16, 32, 24),
            smooth_grid(g, 2, 24, 36, 32, 24, True, -1.1, 1.1),
            True,
        ),
    ]
