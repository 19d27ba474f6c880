import numpy as np

from graders.casekit import Case, rng


def generate():
    generator = rng(16)
    return [
        Case(
            "example",
            {"images": np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1), "patch": 2},
            sample=True,
        ),
        Case(
            "rgb_non_square",
            {"images": np.arange(2 * 4 * 6 * 3, dtype=np.float32).reshape(2, 4, 6, 3), "patch": 2},
            sample=True,
        ),
        Case(
            "patch_one",
            {"images": generator.normal(size=(1, 3, 5, 2)).astype(np.float32), "patch": 1},
        ),
        Case(
            "patch_is_whole_image",
            {"images": generator.normal(size=(3, 8, 8, 3)).astype(np.float32), "patch": 8},
        ),
        Case(
            "uint8_images",
            {"images": generator.integers(0, 256, (2, 32, 48, 3), dtype=np.uint8), "patch": 16},
        ),
        Case(
            "single_channel_h_w_1",
            {"images": generator.normal(size=(4, 12, 20, 1)).astype(np.float32), "patch": 4},
        ),
        Case(
            "tall_grid",
            {"images": generator.normal(size=(1, 64, 16, 3)).astype(np.float32), "patch": 8},
        ),
        Case(
            "vit_b16_batch",
            {"images": generator.normal(size=(32, 224, 224, 3)).astype(np.float32), "patch": 16},
        ),
    ]
