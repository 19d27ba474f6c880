import numpy as np

from graders.casekit import Case, rng


def generate():
    generator = rng(3)
    y, x = np.mgrid[0:1080, 0:1920].astype(np.float64)
    scene = 100 + 60 * np.sin(x / 37.0) * np.cos(y / 23.0) + generator.normal(0, 3, x.shape)
    return [
        Case("example", {"image": np.array([[0.0, 1, 4], [0, 2, 8], [0, 3, 12]])}, sample=True),
        Case(
            "non_square_ramp",
            {"image": np.add.outer(np.arange(4.0) * 10, np.arange(6.0) ** 2)},
            sample=True,
        ),
        Case("two_by_two", {"image": np.array([[1.0, 5.0], [9.0, 2.0]])}),
        Case("single_bright_pixel", {"image": np.pad(np.ones((1, 1)) * 100, 3)}),
        Case(
            "vertical_edge",
            {"image": np.repeat(np.r_[np.zeros(5), np.full(5, 255.0)][None, :], 7, axis=0)},
        ),
        Case(
            "horizontal_edge_tall",
            {"image": np.repeat(np.r_[np.zeros(8), np.ones(9)][:, None], 3, axis=1)},
        ),
        Case("random_noise_40x50", {"image": generator.uniform(-1000, 1000, (40, 50))}),
        Case("two_identical_rows_gy_zero", {"image": np.array([[3.0, 7.0], [3.0, 7.0]])}),
        Case("frame_1080p", {"image": scene}),
    ]
