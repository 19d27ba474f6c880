import numpy as np

from graders.casekit import Case, rng


def f32(values):
    return np.asarray(values, dtype=np.float32)


def random_case(generator, name, batch, channels, height, width, patch, dim, sample=False):
    tokens = 1 + (height // patch) * (width // patch)
    fan_in = channels * patch * patch
    args = {
        "images": f32(generator.normal(size=(batch, channels, height, width))),
        "weight": f32(generator.normal(0, 1 / np.sqrt(fan_in), (dim, channels, patch, patch))),
        "bias": f32(generator.normal(size=dim)),
        "cls_token": f32(generator.normal(size=(1, 1, dim))),
        "pos_embed": f32(generator.normal(size=(1, tokens, dim))),
    }
    return Case(name, args, sample=sample)


def generate():
    generator = rng(1301)
    example = Case(
        "example",
        {
            "images": f32(np.arange(8).reshape(1, 1, 2, 4)),
            "weight": f32([[[[1, 1], [1, 1]]], [[[1, 0], [0, 0]]]]),
            "bias": f32([0.0, 0.5]),
            "cls_token": f32([[[10.0, 20.0]]]),
            "pos_embed": f32([[[1.0, -1.0], [0.1, 0.2], [0.3, 0.4]]]),
        },
        sample=True,
        note="the worked example of the statement",
    )
    return [
        example,
        random_case(generator, "three_channels_4x4_patches", 2, 3, 8, 8, 4, 5, sample=True),
        # Non-square images: an H/W mix-up is invisible when H == W.
        random_case(generator, "wide_image_h_ne_w", 2, 2, 8, 12, 4, 6),
        random_case(generator, "tall_image_h_ne_w", 1, 3, 12, 4, 2, 4),
        # C = 1 hides a (u, v, c) flattening; C = 4 exposes it.
        random_case(generator, "single_channel", 2, 1, 6, 6, 3, 4),
        random_case(generator, "four_channels_flatten_order", 2, 4, 6, 9, 3, 7),
        random_case(generator, "patch_size_one_every_pixel", 2, 2, 3, 5, 1, 3),
        random_case(generator, "one_patch_p_equals_h_equals_w", 3, 3, 7, 7, 7, 5),
        random_case(generator, "batch_of_one", 1, 2, 4, 6, 2, 3),
        random_case(generator, "embedding_dim_one", 4, 3, 4, 4, 2, 1),
        random_case(generator, "batch_of_eight", 8, 2, 6, 4, 2, 8),
        random_case(generator, "vit_base_224_p16_d768", 2, 3, 224, 224, 16, 768),
    ]
