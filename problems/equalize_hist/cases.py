import numpy as np

from graders.casekit import Case, rng


def smooth_scene(generator, height, width, low, high):
    """A lit scene: gradients and blobs, squeezed into [low, high], plus sensor noise."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    scene = 0.5 * x / width + 0.3 * y / height
    for _ in range(6):
        cy, cx = generator.uniform(0, height), generator.uniform(0, width)
        radius = generator.uniform(0.05, 0.3) * max(height, width)
        scene += generator.uniform(-0.4, 0.4) * np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / radius**2)
    scene = (scene - scene.min()) / (scene.max() - scene.min())
    scene = low + scene * (high - low) + generator.normal(0, 2, scene.shape)
    return np.clip(np.rint(scene), 0, 255).astype(np.uint8)


def generate():
    generator = rng(255)
    example = np.array([[52, 55, 61], [59, 79, 61], [85, 52, 79]], dtype=np.uint8)
    return [
        Case("example", {"image": example}, sample=True, note="the worked example"),
        Case(
            "low_contrast_8x8",
            {"image": generator.integers(100, 110, (8, 8), dtype=np.uint8)},
            sample=True,
        ),
        Case("constant_image_is_unchanged", {"image": np.full((5, 7), 100, np.uint8)}),
        Case("constant_zero_image", {"image": np.zeros((3, 3), np.uint8)}),
        Case("single_pixel", {"image": np.array([[42]], np.uint8)}),
        Case("two_levels", {"image": np.array([[10, 10, 200], [200, 200, 10]], np.uint8)}),
        Case(
            # Many pixels at the darkest level: forgetting to discount them shows.
            "dark_level_dominates",
            {
                "image": np.concatenate([np.full(900, 30), generator.integers(31, 90, 124)])
                .astype(np.uint8)
                .reshape(32, 32)
            },
        ),
        Case("one_row", {"image": generator.integers(0, 256, (1, 300), dtype=np.uint8)}),
        Case("full_range_noise", {"image": generator.integers(0, 256, (64, 48), dtype=np.uint8)}),
        Case("underexposed_480p", {"image": smooth_scene(generator, 480, 640, 5, 70)}),
        Case("overexposed_720p", {"image": smooth_scene(generator, 720, 1280, 180, 255)}),
        Case("frame_1080p", {"image": smooth_scene(generator, 1080, 1920, 40, 160)}),
        Case("frame_4k", {"image": smooth_scene(generator, 2160, 3840, 20, 200)}),
    ]
