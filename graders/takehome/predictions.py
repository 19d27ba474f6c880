"""Parsing and validating a predictions file; every problem is reported with the entry it is in.

Formats (documented for candidates in the download's README.md):
detection: a COCO results JSON list; segmentation: a zip of ``<image_id>.png`` class-index
masks; classification: a CSV ``image_id,label``. Nothing is ever unpickled.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from graders.takehome.archive import UploadError, extract_checked
from graders.takehome.dataset import split_image_ids
from graders.takehome.package import TakehomePackage

PREDICTION_SUFFIXES: dict[str, tuple[str, ...]] = {
    "detection": (".json",),
    "segmentation": (".zip",),
    "classification": (".csv",),
}
MAX_PREDICTION_BYTES = {
    "detection": 20 * 1024 * 1024,
    "segmentation": 20 * 1024 * 1024,
    "classification": 1024 * 1024,
}
MAX_DETECTIONS = 100_000
MAX_ERRORS_SHOWN = 50


class PredictionError(Exception):
    """A predictions file is refused. ``errors`` lists (entry, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        lines = [f"{entry}: {message}" if entry else message for entry, message in errors]
        super().__init__("the predictions file is refused:\n" + "\n".join(lines))


class _Errors:
    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []
        self.count = 0

    def add(self, entry: str, message: str) -> None:
        self.count += 1
        if len(self.items) < MAX_ERRORS_SHOWN:
            self.items.append((entry, message))

    def raise_if_any(self) -> None:
        if self.count:
            errors = list(self.items)
            if self.count > len(errors):
                errors.append(("", f"... and {self.count - len(errors)} more problems"))
            raise PredictionError(errors)


@dataclass(frozen=True)
class Detection:
    image_id: int
    category_id: int
    bbox: tuple[float, float, float, float]  # x, y, width, height
    score: float


@dataclass(frozen=True)
class DetectionPredictions:
    detections: tuple[Detection, ...]
    task: str = "detection"


@dataclass(frozen=True, eq=False)
class SegmentationPredictions:
    masks: Mapping[int, NDArray[np.uint8]]  # image_id -> (S, S) class indices
    task: str = "segmentation"


@dataclass(frozen=True)
class ClassificationPredictions:
    labels: Mapping[int, str] = field(default_factory=dict)  # image_id -> class name
    task: str = "classification"


Predictions = DetectionPredictions | SegmentationPredictions | ClassificationPredictions


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _id_range(ids: tuple[int, ...]) -> str:
    return f"ids {ids[0]} to {ids[-1]}"


def _detection_entry(
    index: int, entry: Any, test_ids: set[int], id_range: str, category_count: int, errors: _Errors
) -> Detection | None:
    where = f"[{index}]"
    if not isinstance(entry, dict):
        errors.add(where, "must be an object {image_id, category_id, bbox, score}")
        return None
    missing = [key for key in ("image_id", "category_id", "bbox", "score") if key not in entry]
    if missing:
        errors.add(where, f"missing {', '.join(missing)}")
        return None
    before = errors.count
    image_id, category_id = entry["image_id"], entry["category_id"]
    if not isinstance(image_id, int) or isinstance(image_id, bool):
        errors.add(f"{where}.image_id", f"must be an integer, got {image_id!r}")
    elif image_id not in test_ids:
        errors.add(
            f"{where}.image_id", f"image_id {image_id} is not in the test split ({id_range})"
        )
    if not isinstance(category_id, int) or isinstance(category_id, bool):
        errors.add(f"{where}.category_id", f"must be an integer, got {category_id!r}")
    elif not 1 <= category_id <= category_count:
        errors.add(
            f"{where}.category_id", f"{category_id} is not a category (1 to {category_count})"
        )
    bbox = entry["bbox"]
    if not isinstance(bbox, list) or len(bbox) != 4 or not all(_is_number(v) for v in bbox):
        errors.add(f"{where}.bbox", "must be a list of four numbers [x, y, width, height]")
    elif not all(math.isfinite(v) for v in bbox):
        errors.add(f"{where}.bbox", "must be finite (no NaN or Infinity)")
    else:
        if bbox[2] <= 0:
            errors.add(f"{where}.bbox", f"width must be > 0, got {bbox[2]}")
        if bbox[3] <= 0:
            errors.add(f"{where}.bbox", f"height must be > 0, got {bbox[3]}")
    score = entry["score"]
    if not _is_number(score) or not math.isfinite(score):
        errors.add(f"{where}.score", f"must be a finite number, got {score!r}")
    if errors.count != before:
        return None
    x, y, width, height = (float(v) for v in bbox)
    return Detection(image_id, category_id, (x, y, width, height), float(score))


def _detections(package: TakehomePackage, data: bytes, filename: str) -> DetectionPredictions:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise PredictionError([(filename, f"is not UTF-8 text: {error}")]) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise PredictionError([(filename, f"is not valid JSON: {error.msg} at {where}")]) from None
    except RecursionError:
        raise PredictionError([(filename, "is nested too deeply")]) from None
    except ValueError as error:  # e.g. an integer literal of more than 4300 digits
        raise PredictionError([(filename, f"is not valid JSON: {error}")]) from None
    if not isinstance(document, list):
        raise PredictionError(
            [(filename, "must be a JSON list of detections (a COCO results file)")]
        )
    if len(document) > MAX_DETECTIONS:
        raise PredictionError([(filename, f"{len(document)} detections; at most {MAX_DETECTIONS}")])
    ids = split_image_ids(package.dataset, "test")
    errors = _Errors()
    detections = []
    for index, entry in enumerate(document):
        detection = _detection_entry(
            index, entry, set(ids), _id_range(ids), len(package.class_names), errors
        )
        if detection is not None:
            detections.append(detection)
    errors.raise_if_any()
    return DetectionPredictions(tuple(detections))


def _mask(
    name: str, content: bytes, size: int, class_count: int, errors: _Errors
) -> NDArray[np.uint8] | None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != "PNG":
                errors.add(name, f"is not a PNG (it is {image.format})")
                return None
            if image.size != (size, size):
                width, height = image.size
                errors.add(name, f"mask is {width}x{height}, expected {size}x{size}")
                return None
            if image.mode not in ("L", "P"):
                errors.add(name, f"must be single-channel 8-bit (mode L or P), got {image.mode}")
                return None
            mask = np.asarray(image, dtype=np.uint8).copy()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        errors.add(name, f"cannot be decoded as PNG: {error}")
        return None
    if int(mask.max()) > class_count:
        row, col = (int(v) for v in np.argwhere(mask > class_count)[0])
        errors.add(
            name,
            f"pixel ({row}, {col}) holds {mask[row, col]}, not a class index (0 to {class_count})",
        )
        return None
    return mask


def _segmentation(package: TakehomePackage, data: bytes, filename: str) -> SegmentationPredictions:
    spec = package.dataset
    ids = split_image_ids(spec, "test")
    try:
        files = extract_checked(
            data,
            max_total_bytes=MAX_PREDICTION_BYTES["segmentation"],
            max_files=len(ids) + 16,
            max_ratio=200.0,
            allowed_suffixes=(".png",),
        )
    except UploadError as error:
        raise PredictionError([(filename, error.message)]) from None
    errors = _Errors()
    masks: dict[int, NDArray[np.uint8]] = {}
    known = set(ids)
    for name, content in sorted(files.items()):
        path = PurePosixPath(name)
        if path.parts[0] == "__MACOSX" or path.name.startswith("._"):
            continue  # macOS Finder's resource forks, not predictions
        stem = path.stem
        if not stem.isdigit() or int(stem) not in known:
            errors.add(name, f"is not <image_id>.png for a test image ({_id_range(ids)})")
            continue
        image_id = int(stem)
        if image_id in masks:
            errors.add(name, f"a second mask for image {image_id}")
            continue
        mask = _mask(name, content, spec.image_size, len(spec.classes), errors)
        if mask is not None:
            masks[image_id] = mask
    errors.raise_if_any()
    return SegmentationPredictions(masks)


def _classification(
    package: TakehomePackage, data: bytes, filename: str
) -> ClassificationPredictions:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PredictionError([(filename, f"is not UTF-8 text: {error}")]) from None
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise PredictionError([(f"line {reader.line_num}", f"is not valid CSV: {error}")]) from None
    if not rows or [cell.strip() for cell in rows[0]] != ["image_id", "label"]:
        raise PredictionError([("line 1", "the header must be exactly: image_id,label")])
    ids = split_image_ids(package.dataset, "test")
    known, classes = set(ids), set(package.class_names)
    errors = _Errors()
    labels: dict[int, str] = {}
    for line, row in enumerate(rows[1:], start=2):
        where = f"line {line}"
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != 2:
            errors.add(where, f"expected 2 columns (image_id,label), got {len(row)}")
            continue
        raw_id, label = row[0].strip(), row[1].strip()
        if not raw_id.isdigit():
            errors.add(where, f"image_id {raw_id!r} is not an integer")
        elif int(raw_id) not in known:
            errors.add(where, f"image_id {raw_id} is not in the test split ({_id_range(ids)})")
        elif int(raw_id) in labels:
            errors.add(where, f"image_id {raw_id} appears twice")
        elif label not in classes:
            names = ", ".join(package.class_names)
            errors.add(where, f"label {label!r} is not a class ({names})")
        else:
            labels[int(raw_id)] = label
    errors.raise_if_any()
    return ClassificationPredictions(labels)


def validate_predictions(package: TakehomePackage, data: bytes, filename: str) -> Predictions:
    """Parse a hand-in's predictions file; raises PredictionError listing what is wrong where."""
    suffixes = PREDICTION_SUFFIXES[package.task]
    if PurePosixPath(filename.replace("\\", "/")).suffix.lower() not in suffixes:
        wanted = " or ".join(suffixes)
        raise PredictionError([(filename, f"{package.task} predictions must be a {wanted} file")])
    limit = MAX_PREDICTION_BYTES[package.task]
    if len(data) > limit:
        raise PredictionError([(filename, f"{len(data)} bytes is over the limit of {limit}")])
    if package.task == "detection":
        return _detections(package, data, filename)
    if package.task == "segmentation":
        return _segmentation(package, data, filename)
    return _classification(package, data, filename)
