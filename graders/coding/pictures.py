"""Pictures of a sample case for the page: expected, actual and a difference heat map for image
outputs; predicted and expected boxes drawn together for box outputs. PNG bytes, via Pillow."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from graders.coding.checkers import psnr

MAX_SIDE = 512
MIN_SIDE = 4


@dataclass(frozen=True)
class CasePictures:
    images: dict[str, bytes] = field(default_factory=dict)  # name -> PNG
    stats: dict[str, float | bool | None] = field(default_factory=dict)


def _png(pixels: np.ndarray[Any, Any]) -> bytes:
    image = Image.fromarray(pixels)
    if max(image.size) < 128:  # small arrays: enlarge with visible pixels
        factor = max(1, 256 // max(image.size))
        image = image.resize(
            (image.width * factor, image.height * factor), Image.Resampling.NEAREST
        )
    elif max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _is_image(value: Any) -> bool:
    return (
        isinstance(value, np.ndarray)
        and value.dtype.kind in "biuf"
        and (value.ndim == 2 or (value.ndim == 3 and value.shape[2] in (1, 3)))
        and min(value.shape[:2]) >= MIN_SIDE
    )


def _to_8bit(value: np.ndarray[Any, Any], low: float, high: float) -> np.ndarray[Any, Any]:
    scaled = (value.astype(np.float64) - low) / (high - low if high > low else 1.0)
    pixels = np.clip(np.nan_to_num(scaled) * 255, 0, 255).astype(np.uint8)
    return pixels[:, :, 0] if pixels.ndim == 3 and pixels.shape[2] == 1 else pixels


def _heat(error: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Black (no error) through red and yellow to white (the largest error)."""
    if error.ndim == 3:
        error = error.max(axis=2)
    top = float(error.max())
    t = error / top if top > 0 else np.zeros_like(error)
    red = np.clip(t * 3, 0, 1)
    green = np.clip(t * 3 - 1, 0, 1)
    blue = np.clip(t * 3 - 2, 0, 1)
    return (np.stack([red, green, blue], axis=-1) * 255).astype(np.uint8)


def image_pictures(expected: Any, actual: Any) -> CasePictures | None:
    if not (_is_image(expected) and _is_image(actual)) or expected.shape != actual.shape:
        return None
    finite = expected[np.isfinite(expected)] if expected.dtype.kind == "f" else expected
    if expected.dtype == np.uint8 or expected.dtype == bool:
        low, high = 0.0, 255.0 if expected.dtype == np.uint8 else 1.0
    else:
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    error = np.abs(actual.astype(np.float64) - expected.astype(np.float64))
    peak = high - low if high > low else 1.0
    quality = psnr(np.nan_to_num(actual.astype(np.float64)), expected.astype(np.float64), peak)
    identical = not math.isfinite(quality)
    return CasePictures(
        images={
            "expected": _png(_to_8bit(expected, low, high)),
            "actual": _png(_to_8bit(actual, low, high)),
            "difference": _png(_heat(np.nan_to_num(error, nan=peak))),
        },
        stats={
            "max_abs": float(np.nanmax(error)) if error.size else 0.0,
            # an exact match has an infinite PSNR, which JSON cannot hold
            "psnr": None if identical else float(quality),
            "identical": identical,
        },
    )


def _boxes(value: Any, inputs: dict[str, Any]) -> np.ndarray[Any, Any] | None:
    """Boxes an output stands for: (K, 4) rows, or indices into an input named like boxes."""
    if not isinstance(value, np.ndarray):
        return None
    if value.ndim == 2 and value.shape[1] == 4 and value.dtype.kind in "fiu":
        return value.astype(np.float64)
    source = next(
        (v for k, v in inputs.items() if "boxes" in k and isinstance(v, np.ndarray)), None
    )
    if source is None or source.ndim != 2 or source.shape[1] != 4:
        return None
    if (
        value.ndim == 1
        and value.dtype.kind in "iu"
        and (value.size == 0 or value.max() < len(source))
    ):
        return source[value.astype(np.int64)].astype(np.float64)
    if value.ndim == 1 and value.dtype == bool and value.size == len(source):
        return source[value].astype(np.float64)
    return None


def box_pictures(expected: Any, actual: Any, inputs: dict[str, Any]) -> CasePictures | None:
    want, got = _boxes(expected, inputs), _boxes(actual, inputs)
    if want is None or got is None:
        return None
    everything = np.concatenate([want, got]) if len(want) + len(got) else np.zeros((1, 4))
    low = everything[:, :2].min(axis=0) - 2
    high = everything[:, 2:].max(axis=0) + 2
    scale = 480.0 / max(float((high - low).max()), 1e-9)
    size = np.maximum(((high - low) * scale).astype(int) + 1, 16)
    canvas = Image.new("RGB", (int(size[0]), int(size[1])), (250, 250, 250))
    draw = ImageDraw.Draw(canvas)
    for rows, colour, width in ((want, (20, 160, 80), 4), (got, (210, 40, 40), 2)):
        for x1, y1, x2, y2 in (rows - np.r_[low, low]) * scale:
            draw.rectangle([x1, y1, max(x2, x1 + 1), max(y2, y1 + 1)], outline=colour, width=width)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return CasePictures(
        images={"boxes": buffer.getvalue()},
        stats={"expected_boxes": float(len(want)), "actual_boxes": float(len(got))},
    )


def case_pictures(expected: Any, actual: Any, inputs: dict[str, Any] | None) -> CasePictures | None:
    """Whatever picture suits this output, or None (scalars and small arrays get a text diff)."""
    if actual is None:
        return None
    return image_pictures(expected, actual) or box_pictures(expected, actual, inputs or {})
