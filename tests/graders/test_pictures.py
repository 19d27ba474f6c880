import io

import numpy as np
from PIL import Image

from graders.coding.pictures import case_pictures


def png_size(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


def test_image_outputs_get_expected_actual_and_a_heat_map():
    expected = np.zeros((40, 60), np.uint8)
    actual = expected.copy()
    actual[5:10, 5:10] = 100
    pictures = case_pictures(expected, actual, {})
    assert pictures is not None
    assert set(pictures.images) == {"expected", "actual", "difference"}
    assert pictures.stats["max_abs"] == 100
    assert all(png_size(data)[0] >= 60 for data in pictures.images.values())


def test_heat_map_is_black_where_outputs_agree():
    expected = np.full((8, 8), 0.5)
    actual = expected.copy()
    actual[0, 0] = 1.5
    heat = np.asarray(
        Image.open(io.BytesIO(case_pictures(expected, actual, {}).images["difference"]))
    )
    assert heat[-1, -1].tolist() == [0, 0, 0]
    assert heat[0, 0].tolist() == [255, 255, 255]


def test_index_outputs_are_drawn_as_boxes_of_the_input():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30.0]])
    pictures = case_pictures(np.array([0, 2]), np.array([0, 1, 2]), {"boxes": boxes})
    assert pictures is not None and "boxes" in pictures.images
    assert pictures.stats == {"expected_boxes": 2.0, "actual_boxes": 3.0}


def test_scalars_and_mismatched_shapes_get_no_picture():
    assert case_pictures(1.0, 2.0, {}) is None
    assert case_pictures(np.zeros((8, 8)), np.zeros((8, 9)), {}) is None
    assert case_pictures(np.zeros((8, 8)), None, {}) is None
