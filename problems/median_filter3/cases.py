import numpy as np

from graders.casekit import Case, rng


def salt_and_pepper(generator, height, width, amount):
    y, x = np.mgrid[0:height, 0:width]
    image = (128 + 60 * np.sin(x / 25.0) * np.cos(y / 40.0)).astype(np.uint8)
    noise = generator.random((height, width))
    image[noise < amount / 2] = 0
    image[noise > 1 - amount / 2] = 255
    return image


def generate():
    generator = rng(9)
    example = np.array([[10, 10, 10, 200], [10, 255, 10, 10], [10, 10, 0, 10]], np.uint8)
    return [
        Case("example", {"image": example}, sample=True),
        Case(
            "noise_5x6", {"image": generator.integers(0, 256, (5, 6), dtype=np.uint8)}, sample=True
        ),
        Case("single_pixel", {"image": np.array([[5]], np.uint8)}),
        Case(
            "one_row_replicated_above_and_below", {"image": np.array([[1, 9, 3, 7, 2]], np.uint8)}
        ),
        Case("one_column", {"image": np.array([[4], [250], [4], [0], [9]], np.uint8)}),
        Case(
            "bright_border_ring",
            {"image": np.pad(np.zeros((6, 6), np.uint8), 1, constant_values=255)},
        ),
        Case(
            "checkerboard", {"image": (np.indices((9, 9)).sum(axis=0) % 2 * 255).astype(np.uint8)}
        ),
        Case("salt_and_pepper_480p", {"image": salt_and_pepper(generator, 480, 640, 0.1)}),
        Case("salt_and_pepper_1080p", {"image": salt_and_pepper(generator, 1080, 1920, 0.05)}),
    ]
