import numpy as np

from graders.casekit import Case, rng


def random_homography(g):
    """A plausible camera-to-plane warp on a 2000 px canvas."""
    corners = np.array([[0, 0], [2000, 0], [2000, 1500], [0, 1500]], dtype=np.float64)
    moved = corners + g.uniform(-300, 300, corners.shape)
    a = []
    for (x, y), (u, v) in zip(corners, moved, strict=True):
        a.append([-x, -y, -1, 0, 0, 0, u * x, u * y, u])
        a.append([0, 0, 0, -x, -y, -1, v * x, v * y, v])
    h = np.linalg.svd(np.array(a))[2][-1].reshape(3, 3)
    return h / h[2, 2]


def apply(h, p):
    q = np.c_[p, np.ones(len(p))] @ h.T
    return q[:, :2] / q[:, 2:3]


def exact(name, g, n, sample=False):
    h = random_homography(g)
    src = g.uniform([0, 0], [2000, 1500], (n, 2))
    return Case(name, {"src": src, "dst": apply(h, src)}, sample=sample)


def noisy(name, g, n, sigma=1.0):
    h = random_homography(g)
    src = g.uniform([0, 0], [2000, 1500], (n, 2))
    true = apply(h, src)
    return Case(
        name, {"src": src, "dst": true + g.normal(0, sigma, true.shape)}, extra={"dst_true": true}
    )


def generate():
    g = rng(1988)
    square = np.array([[0.0, 0], [1, 0], [1, 1], [0, 1]])
    return [
        Case(
            "example",
            {"src": square, "dst": np.array([[10.0, 20], [12, 20], [12, 23], [10, 23]])},
            sample=True,
        ),
        exact("exact_8_points", g, 8, sample=True),
        exact("minimal_4_points", g, 4),
        exact("exact_500_points", g, 500),
        Case(
            "pure_translation", {"src": (s := g.uniform(0, 100, (6, 2))), "dst": s + [30.0, -7.5]}
        ),
        noisy("noisy_20_points", g, 20),
        noisy("noisy_50_points", g, 50),
        noisy("noisy_300_points", g, 300),
        noisy("noisy_2000_points", g, 2000),
        noisy("very_noisy_100_points", g, 100, sigma=3.0),
    ]
