"""Predictions files are parsed strictly, and every refusal names the entry at fault."""

import io
import re

import numpy as np
import pytest
from PIL import Image

from graders.takehome import (
    PREDICTION_SUFFIXES,
    ClassificationPredictions,
    DetectionPredictions,
    PredictionError,
    SegmentationPredictions,
    score,
    validate_predictions,
)
from graders.takehome.dataset import split_image_ids
from graders.takehome.pngio import encode_png
from tests.graders.takehome.factories import json_bytes, labels_csv, shipped, zip_bytes


def errors_of(task: str, data: bytes, filename: str) -> list[tuple[str, str]]:
    with pytest.raises(PredictionError) as caught:
        validate_predictions(shipped(task), data, filename)
    assert str(caught.value).startswith("the predictions file is refused")
    return caught.value.errors


def first_test_id(task: str) -> int:
    return split_image_ids(shipped(task).dataset, "test")[0]


def detection(**changes):
    entry = {
        "image_id": first_test_id("detection"),
        "category_id": 1,
        "bbox": [10, 12, 20, 18],
        "score": 0.9,
    }
    entry.update(changes)
    return entry


def test_suffixes_are_declared_per_task():
    assert PREDICTION_SUFFIXES == {
        "detection": (".json",),
        "segmentation": (".zip",),
        "classification": (".csv",),
    }


def test_valid_detections_parse():
    parsed = validate_predictions(shipped("detection"), json_bytes([detection()]), "p.json")
    assert isinstance(parsed, DetectionPredictions)
    assert parsed.detections[0].bbox == (10.0, 12.0, 20.0, 18.0)
    empty = validate_predictions(shipped("detection"), b"[]", "p.json")
    assert isinstance(empty, DetectionPredictions) and empty.detections == ()


@pytest.mark.parametrize(
    ("entries", "where", "message"),
    [
        (
            [detection(), detection(image_id=999)],
            "[1].image_id",
            "image_id 999 is not in the test split",
        ),
        ([detection(image_id="361")], "[0].image_id", "must be an integer"),
        ([detection(bbox=[1, 2, 0, 5])], "[0].bbox", "width must be > 0"),
        ([detection(bbox=[1, 2, 5, -3])], "[0].bbox", "height must be > 0"),
        ([detection(bbox=[1, 2, 5])], "[0].bbox", "four numbers"),
        ([detection(category_id=0)], "[0].category_id", "not a category"),
        ([detection(score=None)], "[0].score", "finite number"),
        ([{"image_id": 1}], "[0]", "missing category_id, bbox, score"),
        (["box"], "[0]", "must be an object"),
    ],
)
def test_bad_detections_name_the_entry(entries, where, message):
    errors = errors_of("detection", json_bytes(entries), "p.json")
    assert any(entry == where and message in text for entry, text in errors), errors


def test_nan_and_infinity_are_refused_with_their_entry():
    data = b'[{"image_id": %d, "category_id": 1, "bbox": [NaN, 1, 2, 3], "score": Infinity}]' % (
        first_test_id("detection")
    )
    errors = errors_of("detection", data, "p.json")
    assert ("[0].bbox", "must be finite (no NaN or Infinity)") in errors
    assert any(entry == "[0].score" for entry, _ in errors)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b'{"annotations": []}', "p.json", "must be a JSON list"),
        (b"[{", "p.json", "not valid JSON: .* at line 1 column 3"),
        (b"\xff\xfe[]", "p.json", "not UTF-8"),
        (b"[]", "p.csv", "must be a .json file"),
        (b"[" * 100_000 + b"]" * 100_000, "p.json", "nested too deeply|not valid JSON"),
    ],
)
def test_unreadable_detection_files_are_refused(data, filename, message):
    errors = errors_of("detection", data, filename)
    assert len(errors) == 1
    assert re.search(message, errors[0][1]), errors


def test_many_errors_are_capped_with_a_count():
    entries = [detection(image_id=10_000 + i) for i in range(80)]
    errors = errors_of("detection", json_bytes(entries), "p.json")
    assert len(errors) == 51 and errors[-1] == ("", "... and 30 more problems")


def test_oversized_files_are_refused():
    assert "over the limit" in errors_of("classification", b"x" * (2 * 1024 * 1024), "p.csv")[0][1]


def mask_png(size=128, mode="L", value=0) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (size, size), value).save(buffer, format="PNG")
    return buffer.getvalue()


def test_valid_masks_parse_with_six_digit_names_and_palette_pngs():
    first = first_test_id("segmentation")
    data = zip_bytes({f"{first}.png": mask_png(), f"{first + 1:06d}.png": mask_png(mode="P")})
    parsed = validate_predictions(shipped("segmentation"), data, "masks.zip")
    assert isinstance(parsed, SegmentationPredictions)
    assert sorted(parsed.masks) == [first, first + 1]
    assert parsed.masks[first].shape == (128, 128)


@pytest.mark.parametrize(
    ("files", "where", "message"),
    [
        ({"{id}.png": mask_png(size=64)}, "{id}.png", "mask is 64x64, expected 128x128"),
        ({"{id}.png": mask_png(mode="RGB")}, "{id}.png", "single-channel"),
        (
            {"{id}.png": encode_png(np.full((128, 128), 9, np.uint8))},
            "{id}.png",
            "holds 9, not a class index (0 to 4)",
        ),
        ({"999.png": mask_png()}, "999.png", "not <image_id>.png for a test image"),
        ({"{id}.png": b"GIF89a"}, "{id}.png", "cannot be decoded"),
        ({"{id}.png": mask_png(), "{id:06d}.png": mask_png()}, "{id}.png", "a second mask"),
    ],
)
def test_bad_masks_name_the_file(files, where, message):
    first = first_test_id("segmentation")
    data = zip_bytes({name.format(id=first): content for name, content in files.items()})
    errors = errors_of("segmentation", data, "masks.zip")
    assert any(entry == where.format(id=first) and message in text for entry, text in errors), (
        errors
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"../361.png": b""}, "'..'"),
        ({"361.npy": b"\x93NUMPY"}, "not allowed"),
        ({"nested.zip": b"PK\x03\x04"}, "archives inside"),
    ],
)
def test_hostile_mask_archives_are_refused(files, message):
    errors = errors_of("segmentation", zip_bytes(files), "masks.zip")
    assert errors[0][0] == "masks.zip" and message in errors[0][1]


def test_mask_zip_that_is_not_a_zip_is_refused():
    assert "not a readable zip" in errors_of("segmentation", b"nope", "masks.zip")[0][1]


def test_valid_labels_parse():
    first = first_test_id("classification")
    parsed = validate_predictions(
        shipped("classification"), labels_csv({first: "star", first + 1: "circle"}), "p.csv"
    )
    assert isinstance(parsed, ClassificationPredictions)
    assert parsed.labels == {first: "star", first + 1: "circle"}


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("id,class\n", "line 1", "header must be exactly"),
        ("image_id,label\n{id},blob\n", "line 2", "label 'blob' is not a class"),
        ("image_id,label\n{id},star\n{id},circle\n", "line 3", "appears twice"),
        ("image_id,label\n5,star\n", "line 2", "not in the test split"),
        ("image_id,label\nabc,star\n", "line 2", "not an integer"),
        ("image_id,label\n{id},star,extra\n", "line 2", "expected 2 columns"),
    ],
)
def test_bad_labels_name_the_line(text, where, message):
    data = text.format(id=first_test_id("classification")).encode()
    errors = errors_of("classification", data, "p.csv")
    assert any(entry == where and message in detail for entry, detail in errors), errors


def test_an_integer_too_long_to_parse_is_refused_not_crashed():
    errors = errors_of("detection", b"[" + b"9" * 5000 + b"]", "p.json")
    assert "not valid JSON" in errors[0][1]


def test_absurd_but_finite_boxes_score_without_crashing():
    package = shipped("detection")
    entries = [detection(bbox=[0, 0, 1e300, 1e300]), detection(bbox=[-1e9, 5, 1e-9, 3])]
    parsed = validate_predictions(package, json_bytes(entries), "p.json")
    report = score(package, parsed)
    assert 0.0 <= report.headline["mAP"] < 0.01
