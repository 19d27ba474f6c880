import numpy as np

from graders.casekit import Case, rng


def blobs(g, h, w, density):
    noise = g.random((h + 4, w + 4))
    smooth = (
        sum(np.roll(np.roll(noise, dy, 0), dx, 1) for dy in range(-2, 3) for dx in range(-2, 3))
        / 25
    )
    return smooth[2:-2, 2:-2] > density


def spiral(n):
    """One long snake-like component: hard for label propagation, easy for union-find."""
    m = np.zeros((n, n), bool)
    top, left, bottom, right = 0, 0, n - 1, n - 1
    while top <= bottom and left <= right:
        m[top, left : right + 1] = True
        m[top : bottom + 1, right] = True
        m[bottom, left : right + 1] = True
        m[top + 2 : bottom + 1, left] = True
        top, left, bottom, right = top + 2, left + 2, bottom - 2, right - 2
        if top <= bottom:
            m[top - 1, left] = True
    return m


def case(name, mask, connectivity, sample=False):
    return Case(
        name, {"mask": np.asarray(mask, dtype=bool), "connectivity": connectivity}, sample=sample
    )


def generate():
    g = rng(4)
    example = [[1, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]]
    return [
        case("example", example, 4, sample=True),
        case("example_8_connected", example, 8, sample=True),
        case("empty_mask", np.zeros((5, 5)), 8),
        case("full_mask", np.ones((4, 6)), 4),
        case("diagonal_line_4_vs_8", np.eye(6), 4),
        case("diagonal_line_8", np.eye(6), 8),
        case("checkerboard_4", np.indices((7, 7)).sum(0) % 2 == 0, 4),
        case("checkerboard_8", np.indices((7, 7)).sum(0) % 2 == 0, 8),
        case("u_shape_merges_late", [[1, 0, 1], [1, 0, 1], [1, 1, 1]], 4),
        case("anti_diagonal_needs_north_east", [[0, 0, 1], [0, 1, 0], [1, 0, 0]], 8),
        case("random_blobs_4", blobs(g, 200, 300, 0.55), 4),
        case("random_blobs_8", blobs(g, 200, 300, 0.55), 8),
        case("spiral_512", spiral(511), 4),
        case("noise_512_8", g.random((512, 512)) < 0.45, 8),
    ]
