import numpy as np

from graders.casekit import Case, rng


def generate():
    generator = rng(101)
    example = np.arange(1, 13, dtype=np.float64).reshape(3, 4)
    return [
        Case("example", {"image": example, "k": 3}, sample=True),
        Case("k_5_on_noise", {"image": generator.uniform(0, 255, (6, 9)), "k": 5}, sample=True),
        Case("k_1_is_identity", {"image": generator.uniform(0, 255, (5, 7)), "k": 1}),
        Case("kernel_larger_than_image", {"image": np.ones((2, 3)), "k": 5}),
        Case("single_pixel_k_7", {"image": np.array([[42.0]]), "k": 7}),
        Case("one_row", {"image": generator.uniform(0, 255, (1, 50)), "k": 9}),
        Case("non_square_k_15", {"image": generator.uniform(0, 255, (40, 90)), "k": 15}),
        Case(
            "bright_border_pixels",
            {"image": np.pad(np.zeros((30, 30)), 1, constant_values=255.0), "k": 3},
        ),
        Case("frame_1024_k_31", {"image": generator.uniform(0, 255, (1024, 1024)), "k": 31}),
        Case("frame_4096_k_101", {"image": generator.uniform(0, 255, (4096, 4096)), "k": 101}),
    ]
