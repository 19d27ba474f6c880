import cv2
import numpy as np

from graders.casekit import Case, rng


def scene(g, h, w, blur, noise):
    """Lit shapes on a shaded background, softened: edges several pixels wide before NMS."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    image = 60 + 40 * np.sin(x / 40.0) * np.cos(y / 55.0)
    for _ in range(10):
        cy, cx, r = g.uniform(0, h), g.uniform(0, w), g.uniform(8, 0.3 * min(h, w))
        if g.random() < 0.5:
            image += g.uniform(40, 100) * (np.hypot(y - cy, x - cx) < r)
        else:
            image += g.uniform(40, 100) * ((abs(y - cy) < r) & (abs(x - cx) < r * 0.6))
    image = cv2.GaussianBlur(image, (0, 0), blur) + g.normal(0, noise, image.shape)
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def case(name, image, low, high, sample=False):
    return Case(name, {"image": image, "low": float(low), "high": float(high)}, sample=sample)


def generate():
    g = rng(1986)
    step = np.zeros((8, 8), np.uint8)
    step[:, 4:] = 200
    return [
        case("example", step, 100, 300, sample=True),
        case("small_scene", scene(g, 48, 64, 1.5, 1.0), 60, 180, sample=True),
        case("flat_image_no_edges", np.full((20, 30), 128, np.uint8), 50, 100),
        case("single_bright_square", np.pad(np.full((10, 10), 220, np.uint8), 10), 100, 300),
        case("scene_soft_edges", scene(g, 240, 320, 2.0, 2.0), 50, 150),
        case("scene_noisy_low_threshold", scene(g, 240, 320, 2.5, 4.0), 40, 120),
        case("scene_high_thresholds", scene(g, 360, 480, 1.5, 1.0), 120, 300),
        case("scene_vga", scene(g, 480, 640, 2.0, 2.0), 60, 160),
    ]
