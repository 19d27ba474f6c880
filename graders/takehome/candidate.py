"""The candidate's download: train and val with labels, test images without, and a README.

The zip is byte-reproducible (fixed timestamps, sorted names, byte-exact PNGs), so a package's
download has one sha256 and can be cached under ``<slug>-<fingerprint>.zip``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from graders.takehome.archive import write_deterministic_zip
from graders.takehome.dataset import coco_ground_truth, iter_scenes, split_image_ids
from graders.takehome.package import TakehomePackage
from graders.takehome.pngio import encode_png
from graders.takehome.synth import Scene

_PREDICTIONS_FORMAT = {
    "detection": """\
A COCO **results** JSON file `predictions.json`: one list of detections over the test images.

```json
[
  {{"image_id": {first}, "category_id": 1, "bbox": [12.0, 30.5, 20.0, 18.0], "score": 0.93}},
  {{"image_id": {first}, "category_id": 3, "bbox": [70.0, 8.0, 31.0, 25.0], "score": 0.41}}
]
```

- `image_id`: an id of the test split ({first} to {last}; the number in the file name).
- `category_id`: {categories}.
- `bbox`: `[x, y, width, height]` in pixels, `x, y` the top-left corner (COCO convention;
  the image's top-left pixel's corner is (0, 0)); width and height > 0.
- `score`: a finite confidence; higher is more confident. Keep at most 100 per image
  (COCOeval keeps the 100 best-scoring per image).
""",
    "segmentation": """\
A zip `predictions.zip` holding one PNG per test image, named `<image_id>.png`
(`{first}.png` ... `{last}.png`; `{first:06d}.png` like the image names is accepted too):

- single channel (8-bit greyscale or palette), exactly {size} x {size} pixels;
- each pixel is a class index: {class_indices}.

Only `.png` files are accepted. A missing image counts as all background.
""",
    "classification": """\
A CSV file `predictions.csv` with a header and one row per test image:

```
image_id,label
{first},{example}
```

- `image_id`: an id of the test split ({first} to {last}).
- `label`: a class name, one of {names}.

A missing image counts as wrong. You also report, in the hand-in form, the inference latency
of your model in milliseconds (one image, batch size 1, on CPU): it is shown beside the metrics
and compared with the budget of {budget} ms.
""",
}

_LABELS_FORMAT = {
    "detection": """\
- `train/instances.json`, `val/instances.json`: COCO instances JSON (`images`, `annotations`,
  `categories`). Each annotation has `bbox` `[x, y, width, height]` (the tight box of the
  object's visible pixels), `area` (visible pixel count), `category_id`, `iscrowd` 0 and
  `segmentation` (COCO RLE of the visible pixels; decode with `pycocotools.mask.decode`).
""",
    "segmentation": """\
- `train/masks/<id>.png`, `val/masks/<id>.png`: 8-bit greyscale masks the size of the image,
  one class index per pixel: {class_indices}.
""",
    "classification": """\
- `train/labels.csv`, `val/labels.csv`: `image_id,label` with `label` the class name.
""",
}

_SCENES = {
    "detection": "Images are synthetic scenes of shapes of very different sizes on textured "
    "backgrounds,\nwith overlapping objects, grey occluding bars, blur and noise. Labels cover "
    "VISIBLE pixels only:\nthe box of a partly hidden object surrounds its visible part.",
    "segmentation": "Images are synthetic scenes of shapes of very different sizes on textured "
    "backgrounds,\nwith overlapping objects, grey occluding bars, blur and noise. Masks hold "
    "VISIBLE pixels:\nwhere shapes overlap, the pixel belongs to the one on top; bar pixels are "
    "background.",
    "classification": "Each image shows one shape on a textured background; grey bars sometimes "
    "cross it,\nand there is blur and noise.",
}

_SCORING = {
    "detection": "COCO mAP@[.5:.95] (pycocotools COCOeval, bbox, maxDets 100) is the leaderboard "
    "figure; AP50, AP75 and per-class AP are reported beside it.",
    "segmentation": "mean IoU over the shape classes (background excluded), intersections and "
    "unions summed over the whole test split; per-class IoU is reported beside it. A class "
    "that is neither in the ground truth nor predicted is left out of the mean.",
    "classification": "Accuracy is reported with macro-F1 (the mean of per-class F1, every class "
    "weighted equally) and the confusion matrix; the leaderboard figure is macro-F1.",
}


def readme(package: TakehomePackage) -> str:
    spec = package.dataset
    test_ids = split_image_ids(spec, "test")
    names = ", ".join(f"`{name}`" for name in spec.classes)
    class_indices = "0 background, " + ", ".join(
        f"{index + 1} {name}" for index, name in enumerate(spec.classes)
    )
    categories = ", ".join(f"{index + 1} {name}" for index, name in enumerate(spec.classes))
    fields = {
        "first": test_ids[0],
        "last": test_ids[-1],
        "size": spec.image_size,
        "names": names,
        "class_indices": class_indices,
        "categories": categories,
        "example": spec.classes[0],
        "budget": package.latency_budget_ms if package.latency_budget_ms is not None else "no",
    }
    layout = "\n".join(
        f"- `{split}/images/<id>.png`: {count} RGB images, {spec.image_size} x {spec.image_size}, "
        f"ids {ids[0]} to {ids[-1]}"
        for split, count in (("train", spec.train), ("val", spec.val), ("test", spec.test))
        for ids in [split_image_ids(spec, split)]
        if split != "test" or not package.asks_for_model
    )
    frequency = " They are not equally frequent." if len(set(spec.class_weights)) > 1 else ""
    hidden = "The test split has no labels: they stay on the server."
    handing_in = _PREDICTIONS_FORMAT[package.task].format(**fields)
    if package.asks_for_model:
        hidden = (
            f"The {spec.test} test images and their labels stay on the server: your model runs "
            "there."
        )
        handing_in = (
            "You hand in `model.onnx` (its contract is in `BRIEF.md`); the platform runs it "
            "on the test images\nand measures its latency."
        )
        if any(name.startswith("starter/") for name in package.candidate_files):
            handing_in += " `starter/` holds the starter model (`starter/README.md`)."
        handing_in += "\n"
    return f"""# {package.title}: the data

Read `BRIEF.md` for the task. This file documents the data and the predictions file.

Dataset fingerprint: `{package.fingerprint}` (quote it if you report a problem).

## Layout

{layout}
{_LABELS_FORMAT[package.task].format(**fields)}
Image ids are unique across splits; a file is named by its id with six digits
(`000042.png` is image 42). {hidden}

Classes: {names}.{frequency}

{_SCENES[package.task]}

## Predictions

{handing_in}
## Scoring

{_SCORING[package.task]}
"""


def _split_files(package: TakehomePackage, split: str) -> Iterator[tuple[str, bytes]]:
    spec = package.dataset
    scenes: list[tuple[int, Scene]] = []
    for image_id, scene in iter_scenes(spec, split):
        yield f"{split}/images/{image_id:06d}.png", encode_png(scene.image)
        if split == "test":
            continue
        if package.task == "segmentation":
            yield f"{split}/masks/{image_id:06d}.png", encode_png(scene.class_map)
        scenes.append((image_id, scene))
    if split == "test":
        return
    if package.task == "detection":
        truth = coco_ground_truth(spec, iter(scenes), with_masks=True)
        yield f"{split}/instances.json", json.dumps(truth, separators=(",", ":")).encode()
    elif package.task == "classification":
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(["image_id", "label"])
        for image_id, scene in scenes:
            writer.writerow([image_id, spec.classes[scene.label]])
        yield f"{split}/labels.csv", text.getvalue().encode()


def candidate_files(package: TakehomePackage) -> Iterator[tuple[str, bytes]]:
    yield "README.md", readme(package).encode()
    yield "BRIEF.md", package.brief.encode()
    # A model take-home keeps the test images on the server: the model runs there.
    splits = ("train", "val") if package.asks_for_model else ("train", "val", "test")
    for split in splits:
        yield from _split_files(package, split)
    for name in package.candidate_files:
        yield name, (package.path / name).read_bytes()


def build_candidate_zip(package: TakehomePackage, dest: Path) -> Path:
    """Write the download and return its path.

    ``dest`` is a directory (the zip is ``<slug>-<fingerprint>.zip`` inside it, and an existing
    one is reused as it has the same bytes) or a file path. Written to a temporary file and
    renamed, so a reader never sees half a zip.
    """
    dest = Path(dest)
    target = dest / f"{package.slug}-{package.fingerprint}.zip" if dest.is_dir() else dest
    if dest.is_dir() and target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            write_deterministic_zip(candidate_files(package), stream)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
