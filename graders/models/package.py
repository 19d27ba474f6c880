"""A take-home package that asks for a model: its ``[model]`` table, its hidden inputs, and
the scoring of a hand-in, for the site and the CLI alike.

``problem.toml`` of a take-home (docs/takehome.md) may carry::

    [model]
    input = "images"                # default "images"
    output = "logits"               # default "logits"
    opset = [13, 21]                # default: graders.models.contract.OPSET_RANGE
    max_bytes = 50000000            # default and upper bound: 50 MB
    memory_limit_mb = 1024          # what a run may add to the zygote's address space
    query_seconds = 1.0             # CPU seconds one image may take
    load_seconds = 20.0             # CPU seconds building the session may take
    reference = "starter/model.onnx"  # optional, in the package: timed in the same run

    [model.latency]                 # optional; without it no latency is measured
    warmups = 10
    queries = 64                    # at least 64
    loops = 5
    seed = 0
    repeats = 32

    [model.budget]                  # optional; needs reference and [model.latency]
    p90_ratio = 0.5                 # p90 (CPU) at most this fraction of the reference's
    max_top1_drop = 0.02            # top-1 at most this far below the reference's

The contract's image size and class count come from ``[dataset]``: input (N, 3, S, S) float32,
RGB in [0, 1]. Classification: output (N, K) logits, K the number of classes, in
``dataset.classes`` order; the top-1 of each row is scored. Segmentation: output (N, K, S, S)
logits, K = 1 + the number of classes (background at 0, then ``dataset.classes``); the argmax
over K is the predicted mask, scored with mIoU. ``max_top1_drop`` is for classification only.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from graders.models.contract import (
    MAX_MODEL_BYTES,
    MAX_RUN_OUTPUT_BYTES,
    OPSET_RANGE,
    IOContract,
    ModelContract,
)
from graders.models.latency import LatencyProtocol
from graders.models.run import ModelRun, evaluate_model, latency_result_bytes
from graders.package import InvalidPackage
from graders.sandbox.runner import Sandbox
from graders.takehome.dataset import generate_split, split_image_ids
from graders.takehome.package import TakehomePackage
from graders.takehome.predictions import ClassificationPredictions, SegmentationPredictions
from graders.takehome.report import MetricReport
from graders.takehome.scoring import score

Array = np.ndarray[Any, Any]
MODEL_TASKS = ("classification", "segmentation")


@dataclass(frozen=True)
class Budget:
    """LPCVC-style: the metric counts only when the hand-in is inside the budget."""

    p90_ratio: float | None = None
    max_top1_drop: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"p90_ratio": self.p90_ratio, "max_top1_drop": self.max_top1_drop}


@dataclass(frozen=True)
class ModelSpec:
    contract: ModelContract
    latency: LatencyProtocol | None
    reference: Path | None
    budget: Budget | None


def _number(table: dict[str, Any], key: str, where: Path, default: float, prefix: str) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidPackage(path=where, field=f"{prefix}{key}", reason="must be a number")
    return float(value)


def _integer(table: dict[str, Any], key: str, where: Path, default: int, prefix: str) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidPackage(path=where, field=f"{prefix}{key}", reason="must be an integer")
    return value


def _name(table: dict[str, Any], key: str, where: Path, default: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value.isidentifier():
        raise InvalidPackage(path=where, field=f"model.{key}", reason="must be an identifier")
    return value


def _latency(table: Any, where: Path) -> LatencyProtocol | None:
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InvalidPackage(path=where, field="model.latency", reason="must be a table")
    prefix = "model.latency."
    defaults = LatencyProtocol()
    try:
        return LatencyProtocol(
            warmups=_integer(table, "warmups", where, defaults.warmups, prefix),
            queries=_integer(table, "queries", where, defaults.queries, prefix),
            loops=_integer(table, "loops", where, defaults.loops, prefix),
            seed=_integer(table, "seed", where, defaults.seed, prefix),
            repeats=_integer(table, "repeats", where, defaults.repeats, prefix),
        )
    except ValueError as error:
        raise InvalidPackage(path=where, field="model.latency", reason=str(error)) from None


def _budget(table: Any, where: Path) -> Budget | None:
    if table is None:
        return None
    if not isinstance(table, dict) or not table:
        raise InvalidPackage(path=where, field="model.budget", reason="must be a non-empty table")
    ratio = table.get("p90_ratio")
    drop = table.get("max_top1_drop")
    if ratio is not None:
        ratio = _number(table, "p90_ratio", where, 1.0, "model.budget.")
        if not 0 < ratio <= 10:
            raise InvalidPackage(path=where, field="model.budget.p90_ratio", reason="in (0, 10]")
    if drop is not None:
        drop = _number(table, "max_top1_drop", where, 0.0, "model.budget.")
        if not 0 <= drop <= 1:
            raise InvalidPackage(path=where, field="model.budget.max_top1_drop", reason="in [0, 1]")
    return Budget(p90_ratio=ratio, max_top1_drop=drop)


def model_spec(package: TakehomePackage) -> ModelSpec | None:
    """The package's ``[model]`` table, or None when it asks for no model."""
    where = package.path / "problem.toml"
    table = tomllib.loads(where.read_text()).get("model")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InvalidPackage(path=where, field="model", reason="must be a table")
    if package.task not in MODEL_TASKS:
        raise InvalidPackage(
            path=where,
            field="model",
            reason=f"model hand-ins are graded for {' and '.join(MODEL_TASKS)} only",
        )
    opset = table.get("opset", list(OPSET_RANGE))
    if (
        not isinstance(opset, list)
        or len(opset) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in opset)
    ):
        raise InvalidPackage(path=where, field="model.opset", reason="must be [low, high]")
    size = package.dataset.image_size
    dense = package.task == "segmentation"
    try:
        io = IOContract(
            input_name=_name(table, "input", where, "images"),
            channels=3,
            height=size,
            width=size,
            output_name=_name(table, "output", where, "logits"),
            # segmentation: background is class 0 of the logits, as of the masks
            classes=len(package.class_names) + (1 if dense else 0),
            dense=dense,
        )
        contract = ModelContract(
            io=io,
            opset_range=(opset[0], opset[1]),
            max_bytes=_integer(table, "max_bytes", where, MAX_MODEL_BYTES, "model."),
            memory_limit_mb=_integer(table, "memory_limit_mb", where, 1024, "model."),
            query_seconds=_number(table, "query_seconds", where, 1.0, "model."),
            load_seconds=_number(table, "load_seconds", where, 20.0, "model."),
        )
    except ValueError as error:
        raise InvalidPackage(path=where, field="model", reason=str(error)) from None
    reference = None
    if "reference" in table:
        name = table["reference"]
        if not isinstance(name, str) or Path(name).is_absolute() or ".." in Path(name).parts:
            raise InvalidPackage(
                path=where, field="model.reference", reason="must be a path inside the package"
            )
        reference = package.path / name
        if not reference.is_file():
            raise InvalidPackage(path=reference, reason="is missing (model.reference)")
    latency = _latency(table.get("latency"), where)
    budget = _budget(table.get("budget"), where)
    if budget is not None and (reference is None or latency is None):
        raise InvalidPackage(
            path=where, field="model.budget", reason="needs model.reference and [model.latency]"
        )
    if budget is not None and budget.max_top1_drop is not None and dense:
        raise InvalidPackage(
            path=where, field="model.budget.max_top1_drop", reason="is for classification only"
        )
    sessions = 2 if reference is not None else 1
    if latency is not None and latency_result_bytes(contract, latency, sessions) > (
        MAX_RUN_OUTPUT_BYTES
    ):
        raise InvalidPackage(
            path=where,
            field="model.latency",
            reason=f"the timed queries' outputs ({io.describe()}) would pass the "
            f"{MAX_RUN_OUTPUT_BYTES:,}-byte cap on what a run returns: fewer loops or queries",
        )
    return ModelSpec(contract=contract, latency=latency, reference=reference, budget=budget)


def hidden_inputs(package: TakehomePackage) -> tuple[tuple[int, ...], Array]:
    """The test split's image ids and images as the contract states them: (N, 3, S, S) float32
    RGB in [0, 1]. Server side only, like the labels (which are not in here)."""
    split = generate_split(package.dataset, "test")
    images = np.stack([scene.image for scene in split.scenes]).astype(np.float32) / 255.0
    return split_image_ids(package.dataset, "test"), np.ascontiguousarray(
        images.transpose(0, 3, 1, 2)
    )


def score_logits(
    package: TakehomePackage, image_ids: tuple[int, ...], logits: Array
) -> MetricReport:
    """Top-1 of each row (ties: the first class), scored with the take-home's own metrics; for
    segmentation the argmax over K of each pixel, a mask scored with mIoU."""
    if package.task == "segmentation":
        masks = np.argmax(logits, axis=1).astype(np.uint8)
        return score(
            package,
            SegmentationPredictions(
                masks=dict(zip(image_ids, masks, strict=True))  # (S, S) each
            ),
        )
    classes = package.class_names
    labels = {
        image_id: classes[int(index)]
        for image_id, index in zip(image_ids, np.argmax(logits, axis=1), strict=True)
    }
    return score(package, ClassificationPredictions(labels=labels))


@dataclass(frozen=True, eq=False)
class HandinScore:
    """A model hand-in of a take-home: the run, its metrics, and the budget's verdict."""

    run: ModelRun
    report: MetricReport | None  # None when the run was refused
    reference_report: MetricReport | None = None  # only when the budget needs its top-1
    within_budget: bool | None = None  # None: the package states no budget (or refused)
    budget_notes: tuple[str, ...] = ()

    @property
    def scored_value(self) -> float:
        """The primary metric, counted only inside the budget (0 outside it or if refused)."""
        if self.report is None or self.within_budget is False:
            return 0.0
        return self.report.primary_value


def _met(ok: bool) -> str:
    return "met" if ok else "missed"


def _judge_budget(
    budget: Budget, run: ModelRun, report: MetricReport, reference: MetricReport | None
) -> tuple[bool, tuple[str, ...]]:
    notes = []
    inside = True
    ratio = run.p90_ratio
    if budget.p90_ratio is not None and ratio is not None:
        ok = ratio <= budget.p90_ratio
        inside &= ok
        notes.append(
            f"{_met(ok)}: p90 is {ratio:.4f} x the reference's ({'<=' if ok else '>'} "
            f"{budget.p90_ratio:g}; CPU time, measured in the same run, the median over loops of "
            "each loop's ratio)"
        )
    if budget.max_top1_drop is not None and reference is not None:
        floor = reference.headline["accuracy"] - budget.max_top1_drop
        ok = report.headline["accuracy"] >= floor - 1e-12
        inside &= ok
        notes.append(
            f"{_met(ok)}: top-1 {report.headline['accuracy']:.4f} {'>=' if ok else '<'} "
            f"{floor:.4f} "
            f"(the reference's {reference.headline['accuracy']:.4f} - "
            f"{budget.max_top1_drop:g})"
        )
    return inside, tuple(notes)


def score_handin(
    package: TakehomePackage, model_bytes: bytes, *, sandbox: Sandbox | None = None
) -> HandinScore:
    """Check, run, time and score one model hand-in of ``package`` (which must ask for one)."""
    spec = model_spec(package)
    if spec is None:
        raise InvalidPackage(path=package.path / "problem.toml", field="model", reason="missing")
    image_ids, images = hidden_inputs(package)
    reference_bytes = spec.reference.read_bytes() if spec.reference else None
    run = evaluate_model(
        model_bytes=model_bytes,
        contract=spec.contract,
        inputs=images,
        latency=spec.latency,
        reference_model_bytes=reference_bytes,
        sandbox=sandbox,
    )
    if run.outputs is None:
        return HandinScore(run=run, report=None)
    report = score_logits(package, image_ids, run.outputs)
    if spec.budget is None:
        return HandinScore(run=run, report=report)
    reference_report = None
    if spec.budget.max_top1_drop is not None and reference_bytes is not None:
        reference_run = evaluate_model(
            model_bytes=reference_bytes,
            contract=spec.contract,
            inputs=images,
            latency=None,
            sandbox=sandbox,
        )
        if reference_run.outputs is None:
            raise InvalidPackage(
                path=str(spec.reference),
                reason=f"the reference model is refused: {reference_run.refusal}",
            )
        reference_report = score_logits(package, image_ids, reference_run.outputs)
    inside, notes = _judge_budget(spec.budget, run, report, reference_report)
    return HandinScore(
        run=run,
        report=report,
        reference_report=reference_report,
        within_budget=inside,
        budget_notes=notes,
    )
