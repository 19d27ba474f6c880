"""Take-home packages: reading and validating ``problems/<slug>/`` of kind ``takehome``.

A take-home package is data: ``problem.toml`` (metadata, the dataset recipe, the rubric) and
``brief.md`` (what the candidate reads). See docs/takehome.md for the contract.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graders.package import (
    InvalidPackage,
    files_digest,
    read_listing,
    read_problem_toml,
    typed_field,
)

TASKS = ("detection", "segmentation", "classification")
# The figure a task's leaderboard ranks by (its MetricReport's ``primary``), for pages that
# name it before anything is scored.
PRIMARY_METRICS = {"detection": "mAP", "segmentation": "mIoU", "classification": "macro_f1"}
LATE_POLICIES = ("refuse", "mark")
SHAPES = ("circle", "square", "triangle", "ellipse", "star", "hexagon")
# Bumped whenever the scene generator changes what a seed produces: it is part of the
# fingerprint, so caches of candidate zips and hidden labels are invalidated with it.
GENERATOR_VERSION = "shapes-2"


@dataclass(frozen=True)
class RubricItem:
    id: str
    title: str
    points: int
    guidance: str


@dataclass(frozen=True)
class DatasetSpec:
    """The recipe of the synthetic dataset; the same spec gives the same bytes everywhere."""

    seed: int
    image_size: int
    train: int
    val: int
    test: int
    classes: tuple[str, ...]
    class_weights: tuple[float, ...]
    objects_per_image: tuple[int, int]
    scale_range: tuple[float, float]
    noise_max: int
    blur_probability: float
    occluder_probability: float
    texture: bool
    # Per-channel gains drawn in [low, high] for each image (a dimmer, tinted light); None
    # leaves the pixels, and the random stream, as they were before this field existed.
    lighting: tuple[float, float] | None = None

    @property
    def total(self) -> int:
        return self.train + self.val + self.test


@dataclass(frozen=True)
class TakehomePackage:
    path: Path
    slug: str
    title: str
    difficulty: str
    category: str
    tags: tuple[str, ...]
    task: str
    deadline_hours: int
    late_policy: str
    leaderboard_visible_to_candidates: bool
    brief: str
    rubric: tuple[RubricItem, ...]
    fingerprint: str
    dataset: DatasetSpec
    latency_budget_ms: float | None = None
    kind: str = "takehome"
    # Files of the package put in the candidate's zip as they are (a starter model, its
    # training script), by their path in the package.
    candidate_files: tuple[str, ...] = ()
    # A [model] table: the hand-in is a model the platform runs on the test images, so those
    # inputs stay on the server too (not only their labels).
    asks_for_model: bool = False

    @property
    def class_names(self) -> tuple[str, ...]:
        return self.dataset.classes

    @property
    def primary_metric(self) -> str:
        return PRIMARY_METRICS[self.task]


def _number_pair(table: dict[str, Any], key: str, where: Path, *, integer: bool) -> tuple[Any, Any]:
    value = typed_field(table, key, list, where, "dataset.")
    kinds: tuple[type, ...] = (int,) if integer else (int, float)
    if len(value) != 2 or not all(isinstance(v, kinds) and not isinstance(v, bool) for v in value):
        raise InvalidPackage(path=where, field=f"dataset.{key}", reason="must be [low, high]")
    low, high = value
    if not 0 < low <= high:
        raise InvalidPackage(path=where, field=f"dataset.{key}", reason="needs 0 < low <= high")
    return (low, high) if integer else (float(low), float(high))


def _probability(table: dict[str, Any], key: str, where: Path) -> float:
    value = float(typed_field(table, key, (int, float), where, "dataset."))
    if not 0.0 <= value <= 1.0:
        raise InvalidPackage(path=where, field=f"dataset.{key}", reason="must be in [0, 1]")
    return value


def _dataset(table: dict[str, Any], task: str, where: Path) -> DatasetSpec:
    seed = typed_field(table, "seed", int, where, "dataset.")
    if not 0 <= seed < 2**63:
        raise InvalidPackage(path=where, field="dataset.seed", reason="must be in [0, 2**63)")
    image_size = typed_field(table, "image_size", int, where, "dataset.")
    if not 32 <= image_size <= 256:
        raise InvalidPackage(path=where, field="dataset.image_size", reason="must be in [32, 256]")
    counts = {}
    for split in ("train", "val", "test"):
        count = typed_field(table, split, int, where, "dataset.")
        if not 1 <= count <= 5000:
            raise InvalidPackage(
                path=where, field=f"dataset.{split}", reason="must be in [1, 5000]"
            )
        counts[split] = count
    classes = typed_field(table, "classes", list, where, "dataset.")
    if not 2 <= len(classes) <= len(SHAPES) or len(set(classes)) != len(classes):
        raise InvalidPackage(
            path=where, field="dataset.classes", reason="must be 2 to 6 distinct shape names"
        )
    for name in classes:
        if name not in SHAPES:
            raise InvalidPackage(
                path=where, field="dataset.classes", reason=f"{name!r} is not one of {SHAPES}"
            )
    weights = table.get("class_weights", [1] * len(classes))
    if (
        not isinstance(weights, list)
        or len(weights) != len(classes)
        or not all(isinstance(w, int | float) and not isinstance(w, bool) for w in weights)
        or not all(math.isfinite(w) and w > 0 for w in weights)
    ):
        raise InvalidPackage(
            path=where,
            field="dataset.class_weights",
            reason="must be one positive number per class",
        )
    objects = _number_pair(table, "objects_per_image", where, integer=True)
    if task == "classification" and objects != (1, 1):
        raise InvalidPackage(
            path=where,
            field="dataset.objects_per_image",
            reason="must be [1, 1] for classification",
        )
    if objects[1] > 12:
        raise InvalidPackage(path=where, field="dataset.objects_per_image", reason="at most 12")
    scale = _number_pair(table, "scale_range", where, integer=False)
    if scale[1] > 0.6:
        raise InvalidPackage(path=where, field="dataset.scale_range", reason="high must be <= 0.6")
    noise_max = typed_field(table, "noise_max", int, where, "dataset.")
    if not 0 <= noise_max <= 40:
        raise InvalidPackage(path=where, field="dataset.noise_max", reason="must be in [0, 40]")
    lighting = None
    if "lighting" in table:
        lighting = _number_pair(table, "lighting", where, integer=False)
        if lighting[1] > 1.5:
            raise InvalidPackage(path=where, field="dataset.lighting", reason="high must be <= 1.5")
    return DatasetSpec(
        lighting=lighting,
        seed=seed,
        image_size=image_size,
        train=counts["train"],
        val=counts["val"],
        test=counts["test"],
        classes=tuple(classes),
        class_weights=tuple(float(w) for w in weights),
        objects_per_image=objects,
        scale_range=scale,
        noise_max=noise_max,
        blur_probability=_probability(table, "blur_probability", where),
        occluder_probability=_probability(table, "occluder_probability", where),
        texture=typed_field(table, "texture", bool, where, "dataset."),
    )


def _rubric(items: Any, where: Path) -> tuple[RubricItem, ...]:
    if not isinstance(items, list) or not items:
        raise InvalidPackage(
            path=where, field="rubric", reason="needs at least one [[rubric]] item"
        )
    rubric = []
    for index, item in enumerate(items):
        prefix = f"rubric[{index}]."
        if not isinstance(item, dict):
            raise InvalidPackage(path=where, field=f"rubric[{index}]", reason="must be a table")
        item_id = typed_field(item, "id", str, where, prefix)
        if not item_id.isidentifier():
            raise InvalidPackage(path=where, field=f"{prefix}id", reason="must be an identifier")
        title = typed_field(item, "title", str, where, prefix).strip()
        if not title:
            raise InvalidPackage(path=where, field=f"{prefix}title", reason="must not be empty")
        points = typed_field(item, "points", int, where, prefix)
        if not 1 <= points <= 100:
            raise InvalidPackage(path=where, field=f"{prefix}points", reason="must be in [1, 100]")
        guidance = typed_field(item, "guidance", str, where, prefix).strip()
        rubric.append(RubricItem(id=item_id, title=title, points=points, guidance=guidance))
    ids = [item.id for item in rubric]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InvalidPackage(path=where, field="rubric", reason=f"duplicate ids {duplicates}")
    return tuple(rubric)


def takehome_fingerprint(path: Path, candidate_files: tuple[str, ...] = ()) -> str:
    names = ("problem.toml", "brief.md", *candidate_files)
    return files_digest((path / name for name in names), salt=GENERATOR_VERSION.encode() + b"\0")


def _candidate_files(data: dict[str, Any], path: Path, where: Path) -> tuple[str, ...]:
    names = data.get("candidate_files", [])
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise InvalidPackage(path=where, field="candidate_files", reason="must be a list of paths")
    for name in names:
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts or name in ("README.md", "BRIEF.md"):
            raise InvalidPackage(
                path=where, field="candidate_files", reason=f"{name!r} must be inside the package"
            )
        if not (path / relative).is_file():
            raise InvalidPackage(path=path / relative, reason="is missing (candidate_files)")
    return tuple(names)


def load_takehome(path: Path | str) -> TakehomePackage:
    """Read and validate one take-home folder; raises InvalidPackage naming file and field."""
    path = Path(path).resolve()
    toml_path, data = read_problem_toml(path, ("problem.toml", "brief.md"))
    brief_path = path / "brief.md"
    if data.get("kind") != "takehome":
        raise InvalidPackage(path=toml_path, field="kind", reason='must be "takehome"')
    listing = read_listing(data, toml_path)
    title, difficulty, category, tags = (
        listing.title, listing.difficulty, listing.category, list(listing.tags)
    )
    task = typed_field(data, "task", str, toml_path)
    if task not in TASKS:
        raise InvalidPackage(path=toml_path, field="task", reason=f"must be one of {TASKS}")
    deadline_hours = typed_field(data, "deadline_hours", int, toml_path)
    if not 1 <= deadline_hours <= 24 * 30:
        raise InvalidPackage(path=toml_path, field="deadline_hours", reason="must be in [1, 720]")
    late_policy = typed_field(data, "late_policy", str, toml_path)
    if late_policy not in LATE_POLICIES:
        raise InvalidPackage(
            path=toml_path, field="late_policy", reason=f"must be one of {LATE_POLICIES}"
        )
    visible = typed_field(data, "leaderboard_visible_to_candidates", bool, toml_path)
    latency_budget: float | None = None
    if "latency_budget_ms" in data:
        latency_budget = float(typed_field(data, "latency_budget_ms", (int, float), toml_path))
        if not (math.isfinite(latency_budget) and latency_budget > 0):
            raise InvalidPackage(path=toml_path, field="latency_budget_ms", reason="must be > 0")
    dataset = _dataset(typed_field(data, "dataset", dict, toml_path), task, toml_path)
    extra_files = _candidate_files(data, path, toml_path)
    brief = brief_path.read_text()
    if not brief.strip():
        raise InvalidPackage(path=brief_path, reason="must not be empty")
    return TakehomePackage(
        path=path,
        slug=path.name,
        title=title,
        difficulty=difficulty,
        category=category,
        tags=tuple(tags),
        task=task,
        deadline_hours=deadline_hours,
        late_policy=late_policy,
        leaderboard_visible_to_candidates=visible,
        brief=brief,
        rubric=_rubric(data.get("rubric"), toml_path),
        fingerprint=takehome_fingerprint(path, extra_files),
        dataset=dataset,
        latency_budget_ms=latency_budget,
        candidate_files=extra_files,
        asks_for_model="model" in data,
    )
