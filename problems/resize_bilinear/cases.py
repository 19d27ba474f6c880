import numpy as np

from graders.casekit import Case, rng


def frame(generator, h, w, c=None):
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    base = 127 + 100 * np.sin(x / 13.0) * np.cos(y / 17.0)
    if c is not None:
        base = np.stack([base * (0.5 + 0.25 * k) for k in range(c)], axis=-1)
    return np.clip(base + generator.normal(0, 5, base.shape), 0, 255).astype(np.float32)


def generate():
    g = rng(720)
    return [
        Case(
            "example",
            {"image": np.array([[0.0, 10.0], [20.0, 30.0]], np.float32), "out_h": 2, "out_w": 4},
            sample=True,
        ),
        Case(
            "downscale_non_integer", {"image": frame(g, 7, 9), "out_h": 3, "out_w": 4}, sample=True
        ),
        Case("identity_size", {"image": frame(g, 5, 6), "out_h": 5, "out_w": 6}),
        Case("to_one_pixel", {"image": frame(g, 4, 6), "out_h": 1, "out_w": 1}),
        Case("from_one_pixel", {"image": np.array([[42.0]], np.float32), "out_h": 3, "out_w": 2}),
        Case("one_row_image", {"image": frame(g, 1, 10), "out_h": 3, "out_w": 25}),
        Case("stretch_x_shrink_y", {"image": frame(g, 20, 8), "out_h": 7, "out_w": 31}),
        Case("rgb_upscale", {"image": frame(g, 12, 16, 3), "out_h": 30, "out_w": 41}),
        Case("single_channel_axis_kept", {"image": frame(g, 10, 10, 1), "out_h": 6, "out_w": 15}),
        Case("rgba_downscale_by_3", {"image": frame(g, 90, 120, 4), "out_h": 30, "out_w": 40}),
        Case(
            "frame_1080p_to_720p_rgb",
            {"image": frame(g, 1080, 1920, 3), "out_h": 720, "out_w": 1280},
        ),
    ]
