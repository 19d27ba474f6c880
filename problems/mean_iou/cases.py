import numpy as np

from graders.casekit import Case, rng


def segmentation(generator, h, w, classes, noise):
    y, x = np.mgrid[0:h, 0:w]
    target = ((x // max(1, w // 8)) + (y // max(1, h // 6)) * 3) % classes
    pred = target.copy()
    flip = generator.random((h, w)) < noise
    pred[flip] = generator.integers(0, classes, int(flip.sum()))
    target = target.copy()
    target[generator.random((h, w)) < 0.03] = 255  # unlabelled pixels
    return pred.astype(np.int64), target.astype(np.int64)


def generate():
    g = rng(150)
    p1, t1 = segmentation(g, 40, 60, 5, 0.2)
    p2, t2 = segmentation(g, 512, 1024, 19, 0.1)
    p3, t3 = segmentation(g, 2160, 3840, 150, 0.15)
    return [
        Case(
            "example",
            {
                "pred": np.array([[0, 0, 1], [1, 1, 2]]),
                "target": np.array([[0, 1, 1], [1, 255, 2]]),
                "num_classes": 4,
                "ignore_index": 255,
            },
            sample=True,
        ),
        Case(
            "small_scene",
            {"pred": p1, "target": t1, "num_classes": 5, "ignore_index": 255},
            sample=True,
        ),
        Case(
            "perfect_prediction",
            {"pred": t1.clip(0, 4), "target": t1, "num_classes": 5, "ignore_index": 255},
        ),
        Case(
            "class_only_in_pred_counts_as_zero",
            {
                "pred": np.array([[0, 3]]),
                "target": np.array([[0, 0]]),
                "num_classes": 4,
                "ignore_index": 255,
            },
        ),
        Case(
            "ignored_pixels_do_not_count_even_when_pred_differs",
            {
                "pred": np.array([[1, 1, 1]]),
                "target": np.array([[1, 255, 255]]),
                "num_classes": 2,
                "ignore_index": 255,
            },
        ),
        Case(
            "custom_ignore_index",
            {
                "pred": np.array([[0, 1], [1, 0]]),
                "target": np.array([[0, -1], [1, 1]]),
                "num_classes": 2,
                "ignore_index": -1,
            },
        ),
        Case(
            "single_class",
            {
                "pred": np.zeros((3, 3), np.int64),
                "target": np.zeros((3, 3), np.int64),
                "num_classes": 1,
                "ignore_index": 255,
            },
        ),
        Case(
            "cityscapes_like_19_classes",
            {"pred": p2, "target": t2, "num_classes": 19, "ignore_index": 255},
        ),
        Case(
            # Label maps read from PNG files are uint8: 18 * 19 + 18 does not fit in one.
            "uint8_label_maps_19_classes",
            {
                "pred": p2[::2, ::2].astype(np.uint8),
                "target": t2[::2, ::2].astype(np.uint8),
                "num_classes": 19,
                "ignore_index": 255,
            },
        ),
        Case(
            "ade20k_like_150_classes_4k",
            {"pred": p3, "target": t3, "num_classes": 150, "ignore_index": 255},
        ),
    ]
