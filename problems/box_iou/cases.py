import numpy as np

from graders.casekit import Case, rng


def boxes(rows):
    return np.array(rows, dtype=np.float64).reshape(-1, 4)


def random_boxes(generator, count, size=10000.0, max_extent=800.0):
    corner = generator.uniform(0, size - max_extent, (count, 2))
    extent = generator.uniform(0, max_extent, (count, 2))
    return np.concatenate([corner, corner + extent], axis=1)


def generate():
    generator = rng(4000)
    return [
        Case(
            "example",
            {
                "boxes_a": boxes([[0, 0, 2, 2], [1, 1, 3, 3]]),
                "boxes_b": boxes([[1, 1, 2, 2], [0, 0, 2, 2], [5, 5, 5, 5]]),
            },
            sample=True,
            note="the worked example of the statement",
        ),
        Case(
            "rectangular_result_not_transposed",
            {
                "boxes_a": boxes([[0, 0, 4, 2], [0, 0, 1, 1], [2, 0, 6, 2]]),
                "boxes_b": boxes([[0, 0, 4, 4], [1, 0, 5, 2]]),
            },
            sample=True,
        ),
        Case("empty_a", {"boxes_a": boxes([]), "boxes_b": boxes([[0, 0, 1, 1]])}),
        Case("empty_both", {"boxes_a": boxes([]), "boxes_b": boxes([])}),
        Case(
            "zero_area_boxes_give_zero_not_nan",
            {
                "boxes_a": boxes([[1, 1, 1, 1], [0, 0, 5, 0]]),
                "boxes_b": boxes([[1, 1, 1, 1], [0, 0, 5, 0], [0, 0, 2, 2]]),
            },
        ),
        Case(
            "touching_edges_and_corners",
            {
                "boxes_a": boxes([[0, 0, 1, 1]]),
                "boxes_b": boxes([[1, 0, 2, 1], [1, 1, 2, 2], [0, 1, 1, 2], [0.5, 0.5, 1.5, 1.5]]),
            },
        ),
        Case(
            "pixel_aligned_continuous_area",
            {
                "boxes_a": boxes([[0, 0, 3, 3], [10, 10, 11, 11]]),
                "boxes_b": boxes([[1, 1, 4, 4], [10, 10, 11, 11], [0, 0, 1, 1]]),
            },
        ),
        Case(
            "nested_and_identical",
            {
                "boxes_a": boxes([[0, 0, 10, 10], [2, 2, 4, 4]]),
                "boxes_b": boxes([[2, 2, 4, 4], [0, 0, 10, 10]]),
            },
        ),
        Case(
            "random_300_by_200",
            {
                "boxes_a": random_boxes(generator, 300, size=2000),
                "boxes_b": random_boxes(generator, 200, size=2000),
            },
        ),
        Case(
            "random_4000_by_4000",
            {
                "boxes_a": random_boxes(generator, 4000),
                "boxes_b": random_boxes(generator, 4000),
            },
        ),
    ]
