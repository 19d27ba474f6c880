"""Packages and hand-ins for the take-home engine's tests."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from graders.takehome import TakehomePackage, load_takehome, test_labels
from graders.takehome.dataset import coco_ground_truth
from graders.takehome.pngio import encode_png

REPO = Path(__file__).resolve().parents[3]
PROBLEMS = REPO / "problems"
SHIPPED = {
    "detection": PROBLEMS / "takehome_detection",
    "segmentation": PROBLEMS / "takehome_segmentation",
    "classification": PROBLEMS / "takehome_classification",
}


def shipped(task: str) -> TakehomePackage:
    return load_takehome(SHIPPED[task])


def small_package_dir(
    root: Path,
    task: str,
    *,
    train: int = 6,
    val: int = 3,
    test: int = 8,
    seed: int | None = None,
    slug: str | None = None,
) -> Path:
    """A copy of a shipped package with few images, so a test builds its zip in a blink."""
    folder = root / (slug or f"small_{task}")
    shutil.copytree(SHIPPED[task], folder)
    toml = (folder / "problem.toml").read_text()
    for key, value in (("train", train), ("val", val), ("test", test)):
        toml = re.sub(rf"(?m)^{key} = \d+$", f"{key} = {value}", toml)
    if seed is not None:
        toml = re.sub(r"(?m)^seed = \d+$", f"seed = {seed}", toml)
    (folder / "problem.toml").write_text(toml)
    return folder


def edit_toml(folder: Path, old: str, new: str) -> None:
    toml = folder / "problem.toml"
    text = toml.read_text()
    assert old in text, old
    toml.write_text(text.replace(old, new, 1))


def perfect_detections(package: TakehomePackage) -> list[dict[str, Any]]:
    truth = coco_ground_truth(package.dataset, test_labels(package))
    return [
        {
            "image_id": a["image_id"],
            "category_id": a["category_id"],
            "bbox": list(a["bbox"]),
            "score": 1.0,
        }
        for a in truth["annotations"]
    ]


def json_bytes(value: Any) -> bytes:
    return json.dumps(value).encode()


def zip_bytes(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def truth_masks(package: TakehomePackage) -> dict[int, np.ndarray]:
    split = test_labels(package)
    return {i: scene.class_map for i, scene in zip(split.image_ids, split.scenes, strict=True)}


def masks_zip(masks: dict[int, np.ndarray]) -> bytes:
    return zip_bytes({f"{image_id}.png": encode_png(mask) for image_id, mask in masks.items()})


def truth_labels(package: TakehomePackage) -> dict[int, str]:
    split = test_labels(package)
    return {
        i: package.class_names[scene.label]
        for i, scene in zip(split.image_ids, split.scenes, strict=True)
    }


def labels_csv(labels: dict[int, str]) -> bytes:
    rows = ["image_id,label", *(f"{i},{label}" for i, label in labels.items())]
    return ("\n".join(rows) + "\n").encode()
