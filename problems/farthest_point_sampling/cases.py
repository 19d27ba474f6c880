import numpy as np

from graders.casekit import Case, rng


def generate():
    g = rng(1024)
    grid = np.stack(
        np.meshgrid(np.arange(4.0), np.arange(4.0), np.arange(2.0), indexing="ij"), -1
    ).reshape(-1, 3)
    example = np.array([[0.0, 0, 0], [1, 0, 0], [5, 0, 0], [2, 0, 0], [5, 0, 0]])
    scene = np.concatenate(
        [g.normal(0, 1, (60_000, 3)) * [10, 10, 1], g.uniform(-20, 20, (40_000, 3))]
    )
    return [
        Case("example", {"points": example, "k": 4}, sample=True),
        Case("integer_grid_ties", {"points": grid, "k": 10}, sample=True),
        Case("k_equals_one", {"points": g.normal(size=(5, 3)), "k": 1}),
        Case("single_point", {"points": np.array([[1.0, 2.0, 3.0]]), "k": 1}),
        Case(
            "duplicates_exhausted_picks_zero_again",
            {"points": np.array([[0.0, 0, 0], [1, 1, 1], [1, 1, 1], [0, 0, 0]]), "k": 4},
        ),
        Case("k_equals_n", {"points": g.normal(size=(30, 3)), "k": 30}),
        Case("all_points_equal", {"points": np.ones((6, 3)), "k": 3}),
        Case("random_2000_k_128", {"points": g.uniform(-1, 1, (2000, 3)), "k": 128}),
        Case("scene_50k_k_512", {"points": scene, "k": 512}),
    ]
