import numpy as np

from graders.casekit import Case, rng


def generate():
    generator = rng(2024)
    shift_right = np.zeros((3, 3))
    shift_right[1, 2] = 1.0
    cases = [
        Case(
            "example",
            {"image": np.array([[1.0, 2, 3], [4, 5, 6]]), "kernel": shift_right},
            sample=True,
            note="the worked example of the statement",
        ),
        Case(
            "asymmetric_kernel_small",
            {
                "image": np.arange(20, dtype=np.float64).reshape(4, 5),
                "kernel": np.array([[1.0, 2, 0], [0, -1, 0], [0, 0, 3]]),
            },
            sample=True,
        ),
        Case(
            "one_by_one_kernel",
            {"image": generator.normal(size=(5, 7)), "kernel": np.array([[2.5]])},
        ),
        Case(
            "kernel_larger_than_image",
            {
                "image": np.array([[1.0, -2, 3], [0.5, 4, -1]]),
                "kernel": generator.normal(size=(5, 5)),
            },
        ),
        Case(
            "single_pixel_image",
            {"image": np.array([[3.0]]), "kernel": np.arange(9, dtype=np.float64).reshape(3, 3)},
        ),
        Case(
            "non_square_kernel_3x7",
            {"image": generator.normal(size=(20, 30)), "kernel": generator.normal(size=(3, 7))},
        ),
        Case(
            "border_pixels_constant_image",
            {"image": np.ones((9, 11)), "kernel": np.arange(25, dtype=np.float64).reshape(5, 5)},
        ),
        Case(
            "one_row_image",
            {"image": generator.normal(size=(1, 40)), "kernel": generator.normal(size=(3, 3))},
        ),
        Case(
            "random_256x320_kernel_9",
            {
                "image": generator.uniform(0, 255, (256, 320)),
                "kernel": generator.normal(size=(9, 9)),
            },
        ),
        Case(
            "random_1024x1024_kernel_15",
            {
                "image": generator.uniform(0, 255, (1024, 1024)),
                "kernel": generator.normal(size=(15, 15)),
            },
        ),
    ]
    return cases
