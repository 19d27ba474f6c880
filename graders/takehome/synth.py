"""One synthetic scene of shapes, with its labels, from a numpy Generator.

Everything after the random draws is integer arithmetic (OpenCV's 8-connected fills, numpy
integer sums and shifts, OpenCV's bit-exact bilinear resize), so a seed gives the same pixels on
every machine. Nuisances: textured backgrounds, scale changes, objects overlapping one another,
occluding bars, blur, Gaussian-like noise, and classes drawn with unequal frequencies.

Labels describe VISIBLE pixels: an object painted over by a later object or an occluder loses
those pixels from its mask and box. A placement that would leave an earlier object less than
40% visible (or under 16 pixels) is redrawn, so every visible object is labelled and worth
finding.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from graders.takehome.package import DatasetSpec

MIN_VISIBLE_FRACTION = 0.4
MIN_VISIBLE_PIXELS = 16
PLACEMENT_ATTEMPTS = 8
_POLYGON_VERTICES = {"square": 4, "triangle": 3, "hexagon": 6}

IntArray = NDArray[np.int32]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class Instance:
    class_index: int
    bbox: tuple[int, int, int, int]  # x, y, width, height of the visible pixels
    mask: BoolArray  # (height, width): the visible pixels inside bbox

    @property
    def area(self) -> int:
        return int(self.mask.sum())

    def full_mask(self, size: int) -> BoolArray:
        x, y, width, height = self.bbox
        full = np.zeros((size, size), dtype=bool)
        full[y : y + height, x : x + width] = self.mask
        return full


@dataclass(frozen=True)
class Scene:
    image: NDArray[np.uint8]  # (S, S, 3) RGB
    class_map: NDArray[np.uint8]  # (S, S): 0 background, k + 1 for class k
    instances: tuple[Instance, ...]

    @property
    def label(self) -> int:
        """The class of a single-object (classification) scene."""
        return self.instances[0].class_index


def _shape_mask(
    name: str, size: int, centre: tuple[int, int], radius: int, angle: int, aspect: float
) -> NDArray[np.uint8]:
    canvas = np.zeros((size, size), np.uint8)
    if name == "circle":
        cv2.circle(canvas, centre, radius, 1, -1, cv2.LINE_8)
    elif name == "ellipse":
        axes = (radius, max(2, int(round(radius * aspect))))
        cv2.ellipse(canvas, centre, axes, angle, 0, 360, 1, -1, cv2.LINE_8)
    else:
        if name == "star":
            count = 10
            radii = np.where(np.arange(count) % 2 == 0, radius, radius * 0.45)
        else:
            count = _POLYGON_VERTICES[name]
            radii = np.full(count, float(radius))
        theta = np.deg2rad(angle) + 2 * np.pi * np.arange(count) / count - np.pi / 2
        points = np.stack([centre[0] + radii * np.cos(theta), centre[1] + radii * np.sin(theta)])
        # cos/sin may differ in the last bit between numpy builds (SIMD or not); snapping to a
        # 1/256 grid first makes those differences vanish before rounding to whole pixels, even
        # at exact halves such as r * cos(60 deg) for an odd r.
        polygon = np.rint(np.rint(points.T * 256) / 256).astype(np.int32)
        cv2.fillPoly(canvas, [polygon], 1, cv2.LINE_8)
    return canvas


def _background(spec: DatasetSpec, rng: np.random.Generator) -> tuple[IntArray, IntArray]:
    size = spec.image_size
    base = rng.integers(50, 206, size=3).astype(np.int32)
    image = np.broadcast_to(base, (size, size, 3)).astype(np.int32)
    if spec.texture:
        cells = size // 16 + 2
        grid = rng.integers(100, 157, size=(cells, cells, 3)).astype(np.uint8)
        # INTER_LINEAR_EXACT is OpenCV's bit-exact fixed-point bilinear resize.
        smooth = cv2.resize(grid, (size, size), interpolation=cv2.INTER_LINEAR_EXACT)
        image = image + smooth.astype(np.int32) - 128
        if rng.random() < 0.35:
            period = int(rng.integers(5, 18))
            step_x, step_y = [(1, 0), (0, 1), (1, 1), (1, -1)][int(rng.integers(0, 4))]
            amplitude = int(rng.integers(6, 18))
            ys, xs = np.mgrid[0:size, 0:size]
            stripes = ((xs * step_x + ys * step_y) // period) % 2 * amplitude
            image = image + stripes[:, :, None].astype(np.int32)
    return image, base


def _object_colour(rng: np.random.Generator, background: IntArray) -> IntArray:
    colour = rng.integers(0, 256, size=3).astype(np.int32)
    for _ in range(20):
        if int(np.abs(colour - background).sum()) >= 150:
            break
        colour = rng.integers(0, 256, size=3).astype(np.int32)
    else:
        colour = 255 - background
    return colour


def _visible_ok(owner: IntArray, full_areas: list[int]) -> bool:
    if not full_areas:
        return True
    counts = np.bincount(owner.ravel() + 1, minlength=len(full_areas) + 2)[1 : len(full_areas) + 1]
    for visible, full in zip(counts, full_areas, strict=True):
        if visible < MIN_VISIBLE_PIXELS or visible < MIN_VISIBLE_FRACTION * full:
            return False
    return True


def _blur(image: IntArray) -> IntArray:
    """Separable binomial [1 4 6 4 1] / 16 in integers, edges repeated."""
    for axis in (0, 1):
        padded = np.pad(image, [(2, 2) if a == axis else (0, 0) for a in range(3)], mode="edge")
        length = image.shape[axis]
        taps = [padded.take(range(i, i + length), axis=axis) for i in range(5)]
        image = (taps[0] + 4 * taps[1] + 6 * taps[2] + 4 * taps[3] + taps[4] + 8) >> 4
    return image


def _place_objects(
    spec: DatasetSpec,
    rng: np.random.Generator,
    image: IntArray,
    background: IntArray,
    owner: IntArray,
    forced_class: int | None,
    class_of: list[int],
    full_areas: list[int],
) -> None:
    size = spec.image_size
    probabilities = np.asarray(spec.class_weights) / sum(spec.class_weights)
    low, high = spec.objects_per_image
    count = int(rng.integers(low, high + 1))
    diameter_low = max(6, int(spec.scale_range[0] * size))
    diameter_high = max(diameter_low, int(spec.scale_range[1] * size))
    ys, xs = np.mgrid[0:size, 0:size]
    for index in range(count):
        if index == 0 and forced_class is not None:
            class_index = forced_class
        else:
            class_index = int(rng.choice(len(spec.classes), p=probabilities))
        for _ in range(PLACEMENT_ATTEMPTS):
            radius = int(rng.integers(diameter_low, diameter_high + 1)) // 2
            margin = max(1, radius // 2)
            centre = (
                int(rng.integers(margin, size - margin)),
                int(rng.integers(margin, size - margin)),
            )
            angle = int(rng.integers(0, 360))
            aspect = float(rng.uniform(0.4, 0.6))
            mask = _shape_mask(spec.classes[class_index], size, centre, radius, angle, aspect) > 0
            full_area = int(mask.sum())
            candidate = np.where(mask, len(full_areas), owner)
            if full_area >= 2 * MIN_VISIBLE_PIXELS and _visible_ok(candidate, full_areas):
                break
        else:
            continue
        colour = _object_colour(rng, background)
        shade_x, shade_y = (int(v) for v in rng.integers(-20, 21, size=2))
        shading = ((xs - centre[0]) * shade_x + (ys - centre[1]) * shade_y) // max(radius, 1)
        painted = colour[None, None, :] + shading[:, :, None]
        image[mask] = painted[mask]
        owner[...] = candidate
        class_of.append(class_index)
        full_areas.append(full_area)


def _place_occluders(
    spec: DatasetSpec,
    rng: np.random.Generator,
    image: IntArray,
    owner: IntArray,
    full_areas: list[int],
) -> None:
    size = spec.image_size
    if rng.random() >= spec.occluder_probability:
        return
    for _ in range(int(rng.integers(1, 3))):
        canvas = np.zeros((size, size), np.uint8)
        start = tuple(int(v) for v in rng.integers(0, size, size=2))
        end = tuple(int(v) for v in rng.integers(0, size, size=2))
        thickness = int(rng.integers(2, max(3, size // 20)))
        cv2.line(canvas, start, end, 1, thickness, cv2.LINE_8)
        mask = canvas > 0
        candidate = np.where(mask, -1, owner)
        grey = int(rng.integers(30, 226))
        if _visible_ok(candidate, full_areas):
            image[mask] = grey
            owner[...] = candidate


def render_scene(
    spec: DatasetSpec, rng: np.random.Generator, *, forced_class: int | None = None
) -> Scene:
    size = spec.image_size
    image, background = _background(spec, rng)
    image = np.array(image, dtype=np.int32)
    owner = np.full((size, size), -1, dtype=np.int32)
    class_of: list[int] = []
    full_areas: list[int] = []
    _place_objects(spec, rng, image, background, owner, forced_class, class_of, full_areas)
    _place_occluders(spec, rng, image, owner, full_areas)
    if rng.random() < spec.blur_probability:
        for _ in range(int(rng.integers(1, 3))):
            image = _blur(image)
    amplitude = int(rng.integers(0, spec.noise_max + 1))
    if amplitude:
        # A sum of four uniform integers: close to Gaussian (sigma ~ 1.15 * amplitude), exact
        # in integer arithmetic.
        image = image + rng.integers(-amplitude, amplitude + 1, size=(4, size, size, 3)).sum(0)
    if spec.lighting is not None:
        # Gains in 1/256 steps, applied in integers like everything above.
        low, high = spec.lighting
        gains = np.rint(rng.uniform(low, high, size=3) * 256).astype(np.int32)
        image = (np.clip(image, 0, 255) * gains + 128) >> 8
    pixels = np.clip(image, 0, 255).astype(np.uint8)

    class_map = np.zeros((size, size), np.uint8)
    instances = []
    for index, class_index in enumerate(class_of):
        visible = owner == index
        class_map[visible] = class_index + 1
        rows, cols = np.nonzero(visible)
        y0, y1, x0, x1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
        bbox = (int(x0), int(y0), int(x1 - x0), int(y1 - y0))
        instances.append(Instance(class_index, bbox, visible[y0:y1, x0:x1].copy()))
    return Scene(image=pixels, class_map=class_map, instances=tuple(instances))
