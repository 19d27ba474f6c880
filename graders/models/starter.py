"""The starter model of the model take-homes: built once from its recipe, checked by digest.

A starter folder (``problems/takehome_compress/starter/``) holds the recipe, ``train_starter.py``
(the training script the candidate gets too) and ``pretraining.toml`` (domain A's dataset and the
training seed), and what building it made: ``model.onnx``, ``weights.pt`` and ``manifest.json``.
The artefacts are committed, not rebuilt on demand: the compression take-home's budget is
relative to the starter's measured latency and top-1, and those must not depend on the machine
that happened to train it (torch's CPU kernels differ by instruction set). The manifest records
the digest of the recipe it came from, so a changed recipe without a rebuild fails ``check``
(and the test that runs it) instead of grading against a stale model::

    python -m graders.models.starter build problems/takehome_compress/starter
    python -m graders.models.starter check problems/takehome_compress/starter
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import sys
import time
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from graders.package import InvalidPackage
from graders.takehome.dataset import generate_split
from graders.takehome.package import DatasetSpec, _dataset

RECIPE = ("train_starter.py", "pretraining.toml")
ARTEFACTS = ("model.onnx", "weights.pt")
MANIFEST = "manifest.json"


class StaleStarter(Exception):
    """The artefacts of a starter folder are missing or do not match its recipe."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recipe_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in RECIPE:
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    return digest.hexdigest()


def load_recipe(folder: Path) -> tuple[DatasetSpec, dict[str, int]]:
    where = folder / "pretraining.toml"
    data = tomllib.loads(where.read_text())
    spec = _dataset(data.get("dataset", {}), "classification", where)
    training = data.get("training", {})
    values = {key: training.get(key) for key in ("seed", "epochs")}
    for key, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidPackage(path=where, field=f"training.{key}", reason="must be an int >= 0")
    return spec, {key: int(value) for key, value in values.items() if value is not None}


def training_module(folder: Path) -> ModuleType:
    """Import the folder's own ``train_starter.py`` (project code, committed beside it)."""
    spec = importlib.util.spec_from_file_location("train_starter", folder / "train_starter.py")
    if spec is None or spec.loader is None:
        raise InvalidPackage(path=folder / "train_starter.py", reason="cannot be imported")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_suffix(path.suffix + ".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def build(folder: Path) -> dict[str, Any]:
    """Train the starter from its recipe and write its artefacts and manifest (last)."""
    import torch  # only the build needs torch; checking and grading do not

    folder = Path(folder)
    spec, training = load_recipe(folder)
    trainer = training_module(folder)
    split = generate_split(spec, "train")
    images = np.stack([scene.image for scene in split.scenes])
    labels = np.array([scene.label for scene in split.scenes])
    started = time.process_time()
    model = trainer.train(
        images, labels, len(spec.classes), seed=training["seed"], epochs=training["epochs"]
    )
    cpu_seconds = time.process_time() - started
    torch.save(model.state_dict(), folder / "weights.pt.part")
    os.replace(folder / "weights.pt.part", folder / "weights.pt")
    trainer.export_onnx(model, folder / "model.onnx.part", spec.image_size)
    os.replace(folder / "model.onnx.part", folder / "model.onnx")
    with torch.no_grad():
        pixels = torch.from_numpy(images.transpose(0, 3, 1, 2).copy()).float() / 255
        train_accuracy = float((model(pixels).argmax(1).numpy() == labels).mean())
    manifest = {
        "recipe_sha256": recipe_digest(folder),
        "files": {name: _sha256(folder / name) for name in ARTEFACTS},
        "classes": list(spec.classes),
        "image_size": spec.image_size,
        "torch": torch.__version__,
        "train_cpu_seconds": round(cpu_seconds, 1),
        "train_accuracy": round(train_accuracy, 4),
    }
    _write_atomically(folder / MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode())
    return manifest


def check(folder: Path) -> dict[str, Any]:
    """The manifest, once the artefacts are shown to come from the current recipe."""
    folder = Path(folder)
    rebuild = f"run `python -m graders.models.starter build {folder}`"
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError):
        raise StaleStarter(f"{folder / MANIFEST} is missing or unreadable: {rebuild}") from None
    if manifest.get("recipe_sha256") != recipe_digest(folder):
        raise StaleStarter(f"{folder}: the recipe changed since the build: {rebuild}")
    for name in ARTEFACTS:
        path = folder / name
        if not path.is_file() or _sha256(path) != manifest.get("files", {}).get(name):
            raise StaleStarter(f"{path} does not match the manifest: {rebuild}")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graders.models.starter")
    parser.add_argument("action", choices=("build", "check"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    try:
        manifest = build(args.folder) if args.action == "build" else check(args.folder)
    except (StaleStarter, InvalidPackage) as error:
        print(error, file=sys.stderr)
        return 1
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
