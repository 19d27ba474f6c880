import numpy as np

from graders.casekit import Case, rng


def rotation(generator):
    q, r = np.linalg.qr(generator.normal(size=(3, 3)))
    q = q @ np.diag(np.sign(np.diag(r)))
    if np.linalg.det(q) < 0:
        q[:, 0] = -q[:, 0]
    return q


def case(name, points, K, R, t, sample=False):
    return Case(
        name,
        {
            "points": np.asarray(points, dtype=np.float64).reshape(-1, 3),
            "K": np.asarray(K, dtype=np.float64),
            "R": np.asarray(R, dtype=np.float64),
            "t": np.asarray(t, dtype=np.float64),
        },
        sample=sample,
    )


def generate():
    g = rng(3)
    K = np.array([[100.0, 0, 50], [0, 100, 40], [0, 0, 1]])
    K_hd = np.array([[1400.0, 0, 960], [0, 1380, 540], [0, 0, 1]])
    K_skew = np.array([[800.0, 12.5, 320], [0, 790, 240], [0, 0, 1]])
    cloud = g.uniform([-20, -5, -30], [20, 5, 60], (1_000_000, 3))
    return [
        case("example", [[0, 0, 0], [1, -1, 2], [0, 0, -2]], K, np.eye(3), [0, 0, 2], sample=True),
        case(
            "rotated_camera",
            g.uniform(-1, 1, (5, 3)) + [0, 0, 6],
            K_hd,
            rotation(g),
            [0.2, -0.1, 1.0],
            sample=True,
        ),
        case("empty", np.zeros((0, 3)), K, np.eye(3), [0, 0, 0]),
        case("skew_is_honoured", [[1, 1, 5], [-2, 3, 10]], K_skew, np.eye(3), [0, 0, 0]),
        case(
            "rotate_then_translate",
            [[1, 0, 0], [0, 1, 0]],
            K,
            [[0, -1, 0], [1, 0, 0], [0, 0, 1]],
            [0, 0, 3],
        ),
        case(
            "behind_and_on_the_camera_plane",
            [[0, 0, -1], [1, 1, 0], [0, 0, 1e-9], [0, 0, 1]],
            K,
            np.eye(3),
            [0, 0, 0],
        ),
        case("translation_moves_points_behind", [[0, 0, 1], [0, 0, 5]], K, np.eye(3), [0, 0, -3]),
        case(
            "non_square_pixels",
            [[1, 1, 2]],
            [[500, 0, 0], [0, 250, 0], [0, 0, 1]],
            np.eye(3),
            [0, 0, 0],
        ),
        case("lidar_cloud_1m", cloud, K_hd, rotation(g), [0.5, 1.5, 2.0]),
    ]
