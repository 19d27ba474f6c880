import numpy as np

from graders.casekit import Case, rng


def bimodal(generator, shape, dark, bright, spread, bright_fraction):
    mask = generator.random(shape) < bright_fraction
    values = np.where(
        mask, generator.normal(bright, spread, shape), generator.normal(dark, spread, shape)
    )
    return np.clip(np.rint(values), 0, 255).astype(np.uint8)


def generate():
    generator = rng(1979)
    example = np.array([[10, 10, 10, 12], [200, 202, 200, 201]], dtype=np.uint8)
    return [
        Case("example", {"image": example}, sample=True),
        Case(
            "bimodal_small", {"image": bimodal(generator, (12, 16), 60, 170, 15, 0.4)}, sample=True
        ),
        Case("constant_image_gives_zero", {"image": np.full((8, 8), 77, np.uint8)}),
        Case("two_levels_0_and_255", {"image": np.array([[0, 255], [255, 0]], np.uint8)}),
        Case("single_pixel", {"image": np.array([[99]], np.uint8)}),
        Case("uniform_noise", {"image": generator.integers(0, 256, (64, 64), dtype=np.uint8)}),
        Case("unbalanced_classes", {"image": bimodal(generator, (100, 100), 40, 200, 20, 0.05)}),
        Case("close_modes", {"image": bimodal(generator, (200, 300), 110, 140, 12, 0.5)}),
        Case("document_scan_1080p", {"image": bimodal(generator, (1080, 1920), 30, 220, 25, 0.85)}),
        Case("frame_4k", {"image": bimodal(generator, (2160, 3840), 80, 160, 30, 0.3)}),
    ]
