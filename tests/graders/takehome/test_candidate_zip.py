"""The candidate's download: reproducible bytes, labels for train/val only, a README."""

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pycocotools import mask as mask_utils

from graders.takehome import build_candidate_zip, load_takehome
from graders.takehome.dataset import split_image_ids
from tests.graders.takehome.factories import small_package_dir

# pycocotools' RLE decoder predates numpy 2's copy keyword; harmless here.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def names_in(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def test_the_same_package_gives_the_same_zip_bytes(tmp_path: Path):
    package = load_takehome(small_package_dir(tmp_path, "detection"))
    first = build_candidate_zip(package, tmp_path / "one.zip")
    second = build_candidate_zip(package, tmp_path / "two.zip")
    assert (
        hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()
    )
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_directory_destination_names_the_zip_by_fingerprint_and_reuses_it(tmp_path: Path):
    package = load_takehome(small_package_dir(tmp_path, "classification"))
    cache = tmp_path / "cache"
    cache.mkdir()
    built = build_candidate_zip(package, cache)
    assert built == cache / f"{package.slug}-{package.fingerprint}.zip"
    stamp = built.stat().st_mtime_ns
    assert build_candidate_zip(package, cache) == built and built.stat().st_mtime_ns == stamp
    assert not list(cache.glob("*.part"))


def test_detection_zip_has_coco_labels_for_train_and_val_only(tmp_path: Path):
    package = load_takehome(small_package_dir(tmp_path, "detection", train=4, val=2, test=3))
    path = build_candidate_zip(package, tmp_path / "data.zip")
    names = names_in(path)
    assert {"README.md", "BRIEF.md", "train/instances.json", "val/instances.json"} <= set(names)
    test_ids = split_image_ids(package.dataset, "test")
    assert [n for n in names if n.startswith("test/")] == [
        f"test/images/{i:06d}.png" for i in test_ids
    ]
    with zipfile.ZipFile(path) as archive:
        truth = json.loads(archive.read("train/instances.json"))
        assert len(truth["images"]) == 4
        for annotation in truth["annotations"]:
            assert annotation["image_id"] not in test_ids
            mask = mask_utils.decode(annotation["segmentation"])
            rows, cols = np.nonzero(mask)
            x, y, width, height = annotation["bbox"]
            assert (cols.min(), rows.min(), cols.max() + 1, rows.max() + 1) == (
                x,
                y,
                x + width,
                y + height,
            )
            assert mask.sum() == annotation["area"]
        image = Image.open(io.BytesIO(archive.read("train/images/000001.png")))
        assert image.mode == "RGB" and image.size == (128, 128)


def test_segmentation_zip_has_masks_for_train_and_val_only(tmp_path: Path):
    package = load_takehome(small_package_dir(tmp_path, "segmentation", train=3, val=2, test=2))
    names = names_in(build_candidate_zip(package, tmp_path / "data.zip"))
    assert sum(n.startswith("train/masks/") for n in names) == 3
    assert sum(n.startswith("val/masks/") for n in names) == 2
    assert not any(n.startswith("test/masks") for n in names)


def test_classification_zip_has_csv_labels_and_a_readme_on_formats(tmp_path: Path):
    package = load_takehome(small_package_dir(tmp_path, "classification", train=5, val=2))
    path = build_candidate_zip(package, tmp_path / "data.zip")
    with zipfile.ZipFile(path) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("train/labels.csv").decode())))
        readme = archive.read("README.md").decode()
        names = archive.namelist()
    assert rows[0] == ["image_id", "label"] and len(rows) == 6
    assert {row[1] for row in rows[1:]} <= set(package.class_names)
    assert not any("test" in n and n.endswith(".csv") for n in names)
    for needle in ("predictions.csv", "image_id,label", "macro-F1", package.fingerprint, "5.0 ms"):
        assert needle in readme
