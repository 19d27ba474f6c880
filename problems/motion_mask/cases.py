import numpy as np

from graders.casekit import Case, rng


def video(generator, t, h, w):
    """A textured static scene, sensor noise, and a bright square walking across it."""
    y, x = np.mgrid[0:h, 0:w]
    scene = 90 + 40 * np.sin(x / 9.0) * np.cos(y / 7.0)
    frames = np.empty((t, h, w), np.uint8)
    for i in range(t):
        frame = scene + generator.normal(0, 3, (h, w))
        cx, cy = int(5 + i * (w - 20) / max(t, 1)), h // 3
        frame[cy : cy + h // 4, cx : cx + w // 8] = 230
        frames[i] = np.clip(np.rint(frame), 0, 255)
    return frames


def case(name, frames, alpha, threshold, sample=False):
    return Case(
        name,
        {"frames": frames, "alpha": float(alpha), "threshold": float(threshold)},
        sample=sample,
    )


def generate():
    g = rng(50)
    return [
        case(
            "example",
            np.array([[[10, 10]], [[10, 50]], [[10, 50]]], np.uint8),
            0.5,
            15,
            sample=True,
        ),
        case("small_video", video(g, 6, 8, 10), 0.2, 20, sample=True),
        case("single_frame_all_false", video(g, 1, 5, 5), 0.3, 1),
        case(
            "darker_than_background_no_wraparound",
            np.array([[[200]], [[20]], [[20]]], np.uint8),
            0.1,
            50,
        ),
        case(
            "difference_equal_to_threshold_is_not_motion",
            np.array([[[0, 0]], [[20, 21]]], np.uint8),
            0.5,
            20,
        ),
        case("alpha_zero_never_learns", video(g, 10, 12, 16), 0.0, 25),
        case("alpha_one_uses_previous_frame", video(g, 10, 12, 16), 1.0, 25),
        case(
            "threshold_zero_any_change", np.array([[[5, 5]], [[5, 6]], [[5, 6]]], np.uint8), 0.25, 0
        ),
        case("walking_square_vga", video(g, 120, 480, 640), 0.05, 30),
    ]
