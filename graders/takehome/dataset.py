"""The splits of a take-home dataset and their labels, generated from the package's seed.

Every image has its own random stream, ``SeedSequence([seed, split, index])``, so one split (the
hidden test labels, say) is generated without the others, and image ids are fixed by position:
train images are numbered from 1, val and test continue the count.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from pycocotools import mask as mask_utils

from graders.takehome.package import DatasetSpec, TakehomePackage
from graders.takehome.synth import Scene, render_scene

SPLITS = ("train", "val", "test")
_SPLIT_CODES = {"train": 1, "val": 2, "test": 3}


@dataclass(frozen=True)
class LabeledSplit:
    name: str
    image_ids: tuple[int, ...]
    scenes: tuple[Scene, ...]

    def by_id(self) -> dict[int, Scene]:
        return dict(zip(self.image_ids, self.scenes, strict=True))


def split_image_ids(spec: DatasetSpec, split: str) -> tuple[int, ...]:
    first = {"train": 1, "val": 1 + spec.train, "test": 1 + spec.train + spec.val}[split]
    count = {"train": spec.train, "val": spec.val, "test": spec.test}[split]
    return tuple(range(first, first + count))


def iter_scenes(spec: DatasetSpec, split: str) -> Iterator[tuple[int, Scene]]:
    """(image_id, scene) for one split, in id order; the first images cover every class once."""
    for index, image_id in enumerate(split_image_ids(spec, split)):
        rng = np.random.default_rng(np.random.SeedSequence([spec.seed, _SPLIT_CODES[split], index]))
        forced = index if index < len(spec.classes) else None
        yield image_id, render_scene(spec, rng, forced_class=forced)


@lru_cache(maxsize=8)
def generate_split(spec: DatasetSpec, split: str) -> LabeledSplit:
    ids, scenes = zip(*iter_scenes(spec, split), strict=True)
    return LabeledSplit(name=split, image_ids=tuple(ids), scenes=tuple(scenes))


def test_labels(package: TakehomePackage) -> LabeledSplit:
    """The hidden test split with its labels. Server side only: never put it in a response."""
    return generate_split(package.dataset, "test")


test_labels.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def categories(spec: DatasetSpec) -> list[dict[str, Any]]:
    return [
        {"id": index + 1, "name": name, "supercategory": "shape"}
        for index, name in enumerate(spec.classes)
    ]


def coco_annotations(
    spec: DatasetSpec, image_id: int, scene: Scene, first_id: int, *, with_masks: bool
) -> list[dict[str, Any]]:
    annotations = []
    for offset, instance in enumerate(scene.instances):
        annotation: dict[str, Any] = {
            "id": first_id + offset,
            "image_id": image_id,
            "category_id": instance.class_index + 1,
            "bbox": list(instance.bbox),
            "area": instance.area,
            "iscrowd": 0,
        }
        if with_masks:
            full = np.asfortranarray(instance.full_mask(spec.image_size).astype(np.uint8))
            rle = mask_utils.encode(full)
            annotation["segmentation"] = {
                "size": [int(v) for v in rle["size"]],
                "counts": rle["counts"].decode("ascii"),
            }
        annotations.append(annotation)
    return annotations


def coco_ground_truth(
    spec: DatasetSpec,
    scenes: Iterator[tuple[int, Scene]] | LabeledSplit,
    *,
    with_masks: bool = False,
    file_prefix: str = "",
) -> dict[str, Any]:
    """COCO instances JSON (images, annotations, categories) for a split."""
    pairs = (
        zip(scenes.image_ids, scenes.scenes, strict=True)
        if isinstance(scenes, LabeledSplit)
        else scenes
    )
    images: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for image_id, scene in pairs:
        images.append(
            {
                "id": image_id,
                "file_name": f"{file_prefix}{image_id:06d}.png",
                "width": spec.image_size,
                "height": spec.image_size,
            }
        )
        annotations += coco_annotations(
            spec, image_id, scene, len(annotations) + 1, with_masks=with_masks
        )
    return {"images": images, "annotations": annotations, "categories": categories(spec)}
