import numpy as np

from graders.casekit import Case, rng


def blobs(generator, h, w, count):
    y, x = np.mgrid[0:h, 0:w]
    mask = np.zeros((h, w), bool)
    for _ in range(count):
        cy, cx = generator.uniform(0, h), generator.uniform(0, w)
        ry, rx = generator.uniform(1, max(2, h / 4)), generator.uniform(1, max(2, w / 4))
        mask |= ((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2 < 1
    return mask


def generate():
    g = rng(2014)
    return [
        Case("example", {"mask": np.array([[1, 0, 0], [1, 1, 0]], bool)}, sample=True),
        Case("small_blob", {"mask": blobs(g, 6, 5, 1)}, sample=True),
        Case("all_zeros", {"mask": np.zeros((4, 7), bool)}),
        Case("all_ones_starts_with_empty_run", {"mask": np.ones((3, 5), bool)}),
        Case("single_true_pixel", {"mask": np.array([[True]])}),
        Case("single_false_pixel", {"mask": np.array([[False]])}),
        Case("column_order_not_row_order", {"mask": np.eye(6, dtype=bool)[:, ::-1]}),
        Case("one_row", {"mask": g.random((1, 40)) < 0.5}),
        Case("noise_64x48", {"mask": g.random((64, 48)) < 0.3}),
        Case("instances_720p", {"mask": blobs(g, 720, 1280, 12)}),
        Case("noise_480p", {"mask": g.random((480, 640)) < 0.5}),
        Case("instances_4k", {"mask": blobs(g, 2160, 3840, 25)}),
    ]
