import numpy as np

from graders.casekit import Case, rng


def proposals(g, k, image_h, image_w):
    centre = g.uniform([0, 0], [image_w, image_h], (k, 2))
    size = g.uniform(8, 0.6 * min(image_h, image_w), (k, 2))
    return np.concatenate([centre - size / 2, centre + size / 2], axis=1)


def case(name, features, boxes, p, scale, s, sample=False):
    return Case(
        name,
        {
            "features": np.asarray(features, dtype=np.float32),
            "boxes": np.asarray(boxes, dtype=np.float64),
            "output_size": p,
            "spatial_scale": float(scale),
            "sampling_ratio": s,
        },
        sample=sample,
    )


def generate():
    g = rng(2017)
    ramp = np.arange(16, dtype=np.float32).reshape(1, 4, 4)
    fpn = g.normal(size=(64, 50, 68)).astype(np.float32)
    return [
        case("example", ramp, [[0.5, 0.5, 2.5, 2.5]], 1, 1.0, 1, sample=True),
        case(
            "two_boxes_2x2_bins",
            g.normal(size=(2, 6, 7)),
            [[0, 0, 6, 5], [1.3, 2.7, 4.1, 5.9]],
            2,
            1.0,
            2,
            sample=True,
        ),
        # Hand-checked: after the shift the box spans [-3.5, 0.5]; of the four samples at
        # (-2.5 or -0.5, -2.5 or -0.5) only (-0.5, -0.5) is in range, it clamps to pixel (0, 0)
        # whose value is 4, and the average still divides by 4: 4 / 4 = 1.
        case(
            "outside_samples_count_as_zero",
            [[[4.0, 1.0], [2.0, 3.0]]],
            [[-3, -3, 1, 1]],
            1,
            1.0,
            2,
            sample=True,
        ),
        case("no_boxes", g.normal(size=(3, 6, 6)), np.zeros((0, 4)), 2, 1.0, 2),
        # Shifted coordinates land exactly on -1 and on H (or W): still in range, clamped to the
        # first or last pixel; a hair further out they give 0.
        case(
            "samples_exactly_on_the_valid_border",
            g.normal(size=(2, 4, 5)),
            [
                [-0.5, -0.5, -0.5, -0.5],
                [5.5, 4.5, 5.5, 4.5],
                [-0.5, 4.5, -0.5, 4.5],
                [-0.5001, 1.5, -0.5001, 1.5],
                [2.5, 4.5001, 2.5, 4.5001],
            ],
            2,
            1.0,
            1,
        ),
        case(
            "box_partly_outside",
            g.normal(size=(3, 8, 8)),
            [[-4, -3, 5, 6], [6, 6, 12, 14]],
            3,
            1.0,
            2,
        ),
        case(
            "box_far_outside_gives_zeros", g.normal(size=(2, 5, 5)), [[20, 20, 30, 30]], 2, 1.0, 2
        ),
        case("degenerate_point_box", g.normal(size=(2, 6, 6)), [[3, 3, 3, 3]], 2, 1.0, 2),
        case(
            "samples_near_the_last_row", g.normal(size=(1, 5, 9)), [[0, 3.9, 8.9, 4.9]], 3, 1.0, 3
        ),
        case(
            "spatial_scale_one_sixteenth",
            g.normal(size=(8, 20, 25)),
            proposals(g, 10, 320, 400),
            7,
            1 / 16,
            2,
        ),
        case("sampling_ratio_4", g.normal(size=(4, 12, 12)), proposals(g, 6, 48, 48), 5, 0.25, 4),
        case(
            "mask_rcnn_14x14", g.normal(size=(16, 30, 30)), proposals(g, 20, 240, 240), 14, 1 / 8, 2
        ),
        case("fpn_level_256_boxes", fpn, proposals(g, 256, 800, 1088), 7, 1 / 16, 2),
    ]
