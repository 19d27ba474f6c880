import numpy as np

from graders.casekit import Case, rng


def scene(generator, height, width):
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    image = 128 + 80 * np.sin(x / 19.0 + y / 31.0)
    image += 40 * (((x // 64) + (y // 64)) % 2)  # hard edges, where borders and weights show
    image += generator.normal(0, 8, image.shape)
    return np.clip(image, 0, 255).astype(np.float32)


def generate():
    generator = rng(31)
    impulse = np.zeros((5, 5), np.float32)
    impulse[2, 2] = 255
    return [
        Case("example", {"image": impulse, "sigma": 0.5}, sample=True),
        Case(
            "small_noise_sigma_1",
            {"image": generator.uniform(0, 255, (9, 12)).astype(np.float32), "sigma": 1.0},
            sample=True,
        ),
        Case(
            "corner_impulse_shows_reflect_101",
            {"image": np.pad(np.full((1, 1), 255, np.float32), ((0, 9), (0, 9))), "sigma": 1.2},
        ),
        Case(
            "sigma_0_3_three_taps",
            {"image": generator.uniform(0, 255, (6, 6)).astype(np.float32), "sigma": 0.3},
        ),
        Case("radius_is_ceil_not_round", {"image": scene(generator, 40, 40), "sigma": 1.4}),
        Case(
            "constant_image_unchanged", {"image": np.full((16, 20), 77.0, np.float32), "sigma": 2.0}
        ),
        Case(
            "narrow_image",
            {"image": generator.uniform(0, 255, (64, 7)).astype(np.float32), "sigma": 2.0},
        ),
        Case("scene_480p_sigma_5", {"image": scene(generator, 480, 640), "sigma": 5.0}),
        Case("frame_1080p_sigma_3", {"image": scene(generator, 1080, 1920), "sigma": 3.0}),
    ]
