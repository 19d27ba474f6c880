"""A candidate's pipeline spec: parsed from YAML or a mapping, checked field by field.

Errors are keyed by the field's path (``stages[2].batch_size``) so the form and the API can
put each message next to the field at fault.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from graders.design.catalog import STAGE_KINDS, Catalog
from graders.design.requirements import Requirements

MAX_STAGES = 8
MAX_REPLICAS = 1000
MAX_BATCH = 256
MAX_QUEUE = 100_000
MAX_YAML_BYTES = 20_000
NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


class SpecError(ValueError):
    """The spec cannot be simulated; ``errors`` maps field paths to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


@dataclass(frozen=True)
class StageSpec:
    name: str
    kind: str
    device: str
    replicas: int
    batch_size: int = 1
    batch_timeout_ms: float = 0.0
    max_queue: int = 1000
    model: str | None = None
    threshold: float | None = None


@dataclass(frozen=True)
class PipelineSpec:
    stages: tuple[StageSpec, ...]
    sample_every: int = 1

    @property
    def inference(self) -> StageSpec:
        return next(s for s in self.stages if s.kind == "inference")

    def to_json(self) -> dict[str, Any]:
        stages = []
        for s in self.stages:
            row: dict[str, Any] = {"name": s.name, "kind": s.kind, "device": s.device,
                                   "replicas": s.replicas}
            if s.batch_size != 1 or s.batch_timeout_ms:
                row["batch_size"] = s.batch_size
                row["batch_timeout_ms"] = s.batch_timeout_ms
            row["max_queue"] = s.max_queue
            if s.model is not None:
                row["model"] = s.model
            if s.threshold is not None:
                row["threshold"] = s.threshold
            stages.append(row)
        return {"sample_every": self.sample_every, "stages": stages}

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_json(), sort_keys=False)


def load_yaml(text: str) -> Any:
    """YAML text to plain data (safe loader only), or a SpecError for the ``yaml`` field."""
    if len(text.encode()) > MAX_YAML_BYTES:
        raise SpecError({"yaml": f"is longer than {MAX_YAML_BYTES} bytes"})
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise SpecError({"yaml": f"{problem}{where}"}) from None


def _show(value: Any) -> str:
    """A value for an error message, briefly: YAML aliases can make a repr astronomically long."""
    if isinstance(value, str):
        return repr(value[:40] + ("..." if len(value) > 40 else ""))
    if isinstance(value, bool | int | float) or value is None:
        return repr(value)
    return f"a {type(value).__name__}"


def _int(raw: dict[str, Any], key: str, path: str, errors: dict[str, str], *, default: int | None,
         low: int, high: int) -> int:
    value = raw.get(key, default)
    if value is None:
        errors[f"{path}.{key}" if path else key] = "is required"
        return low
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            errors[f"{path}.{key}" if path else key] = "must be a whole number"
            return low
    if not low <= value <= high:
        errors[f"{path}.{key}" if path else key] = f"must be between {low} and {high}"
        return low
    return value


def _float(raw: dict[str, Any], key: str, path: str, errors: dict[str, str], *, default: float,
           low: float, high: float) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        errors[f"{path}.{key}"] = "must be a number"
        return low
    if not low <= value <= high:
        errors[f"{path}.{key}"] = f"must be between {low:g} and {high:g}"
        return low
    return float(value)


def parse_spec(data: Any, catalog: Catalog, requirements: Requirements) -> PipelineSpec:
    """Check the shape, the names against the catalog, and that every stage can keep up."""
    errors: dict[str, str] = {}
    if not isinstance(data, dict):
        raise SpecError({"spec": "must be a mapping with 'stages' (a list) and 'sample_every'"})
    unknown = sorted(set(data) - {"stages", "sample_every"})
    if unknown:
        errors["spec"] = f"unknown field(s) {', '.join(map(str, unknown))}"
    sample_every = _int(data, "sample_every", "", errors, default=1, low=1, high=1000)
    raw_stages = data.get("stages")
    if not isinstance(raw_stages, list) or not raw_stages:
        errors["stages"] = "must be a non-empty list of stages"
        raise SpecError(errors)
    if len(raw_stages) > MAX_STAGES:
        errors["stages"] = f"at most {MAX_STAGES} stages"
        raise SpecError(errors)
    stages = []
    for index, raw in enumerate(raw_stages):
        stage = _parse_stage(raw, f"stages[{index}]", catalog, requirements, errors)
        if stage is not None:
            stages.append(stage)
    names = [s.name for s in stages]
    for index, name in enumerate(names):
        if names.index(name) != index:
            errors[f"stages[{index}].name"] = f"duplicate stage name {name!r}"
    if stages and not errors:
        _check_shape(stages, errors)
    if not errors:
        _check_units(stages, catalog, errors)
    spec = PipelineSpec(stages=tuple(stages), sample_every=sample_every)
    if not errors:
        _check_capacity(spec, catalog, requirements, errors)
    if errors:
        raise SpecError(errors)
    return spec


def _parse_stage(raw: Any, path: str, catalog: Catalog, requirements: Requirements,
                 errors: dict[str, str]) -> StageSpec | None:
    if not isinstance(raw, dict):
        errors[path] = "must be a mapping"
        return None
    allowed = {"name", "kind", "device", "replicas", "batch_size", "batch_timeout_ms",
               "max_queue", "model", "threshold"}
    unknown = sorted(set(map(str, raw)) - allowed)
    if unknown:
        errors[path] = f"unknown field(s) {', '.join(unknown)}"
    kind = raw.get("kind")
    if kind not in STAGE_KINDS:
        errors[f"{path}.kind"] = f"must be one of {', '.join(STAGE_KINDS)}, not {_show(kind)}"
        return None
    name = raw.get("name", kind)
    if not isinstance(name, str) or not NAME.match(name):
        errors[f"{path}.name"] = "must be 1-32 lowercase letters, digits, '-' or '_'"
        name = kind
    device = raw.get("device")
    if not isinstance(device, str):
        errors[f"{path}.device"] = (
            "is required" if device is None else f"must be a device name, not {_show(device)}"
        )
        device = ""
    model_name = raw.get("model")
    if model_name is not None and not isinstance(model_name, str):
        errors[f"{path}.model"] = f"must be a model name, not {_show(model_name)}"
        model_name = ""
    threshold = None
    if kind == "inference":
        model = catalog.models.get(model_name) if isinstance(model_name, str) else None
        if model is None:
            errors.setdefault(
                f"{path}.model",
                f"unknown model {_show(model_name)}" if model_name is not None else "is required",
            )
        elif model.task != requirements.task:
            errors[f"{path}.model"] = (
                f"is a {model.task} model; this prompt needs {requirements.task}"
            )
            model = None
        if model is not None and device not in model.latency_ms and (
            f"{path}.device" not in errors
        ):
            errors[f"{path}.device"] = (
                f"{model.name} has no figures for {_show(device)}; profiled on "
                f"{', '.join(model.latency_ms)}"
            )
        if model is not None and model.operating_points:
            value = raw.get("threshold")
            thresholds = [p.threshold for p in model.operating_points]
            if value is None or isinstance(value, bool) or not isinstance(value, int | float):
                errors[f"{path}.threshold"] = f"is required for {model.name}: one of {thresholds}"
            elif model.operating_point(float(value)) is None:
                errors[f"{path}.threshold"] = f"must be one of {thresholds}"
            else:
                threshold = float(value)
        elif "threshold" in raw:
            errors[f"{path}.threshold"] = "only models with operating points take a threshold"
    else:
        if model_name is not None and f"{path}.model" not in errors:
            errors[f"{path}.model"] = "only an inference stage runs a model"
        costs = catalog.stages.get(kind, {})
        if device not in costs and f"{path}.device" not in errors:
            errors[f"{path}.device"] = (
                f"{kind} cannot run on {_show(device)}; choose one of {', '.join(costs)}"
            )
    if (
        requirements.allowed_devices
        and isinstance(device, str)
        and device not in requirements.allowed_devices
        and f"{path}.device" not in errors
    ):
        errors[f"{path}.device"] = (
            f"{device} is not available in this prompt; allowed: "
            f"{', '.join(requirements.allowed_devices)}"
        )
    replicas = _int(raw, "replicas", path, errors, default=None, low=1, high=MAX_REPLICAS)
    batch_size = _int(raw, "batch_size", path, errors, default=1, low=1, high=MAX_BATCH)
    timeout = _float(raw, "batch_timeout_ms", path, errors, default=0.0, low=0.0, high=1000.0)
    max_queue = _int(raw, "max_queue", path, errors, default=1000, low=1, high=MAX_QUEUE)
    if kind == "inference" and isinstance(model_name, str) and model_name in catalog.models:
        model = catalog.models[model_name]
        if device in model.latency_ms and batch_size > model.max_batch(str(device)):
            errors[f"{path}.batch_size"] = (
                f"{model.name} on {device} is profiled up to batch {model.max_batch(str(device))}"
                " (larger batches do not fit in memory)"
            )
    elif kind != "inference" and batch_size > 64:
        errors[f"{path}.batch_size"] = "must be at most 64 for a non-inference stage"
    return StageSpec(
        name=name, kind=kind, device=str(device), replicas=replicas, batch_size=batch_size,
        batch_timeout_ms=timeout, max_queue=max_queue,
        model=model_name if kind == "inference" else None, threshold=threshold,
    )


def _check_shape(stages: list[StageSpec], errors: dict[str, str]) -> None:
    if stages[0].kind != "decode":
        errors["stages[0].kind"] = "the first stage must decode the incoming video"
    inference = [i for i, s in enumerate(stages) if s.kind == "inference"]
    if len(inference) != 1:
        errors["stages"] = "exactly one stage must be of kind inference"
    for index, stage in enumerate(stages[1:], start=1):
        if stage.kind == "decode":
            errors[f"stages[{index}].kind"] = "only the first stage decodes"


def _check_units(stages: list[StageSpec], catalog: Catalog, errors: dict[str, str]) -> None:
    used: dict[str, int] = {}
    for stage in stages:
        used[stage.device] = used.get(stage.device, 0) + stage.replicas
    for index, stage in enumerate(stages):
        limit = catalog.devices[stage.device].max_units
        if limit is not None and used[stage.device] > limit:
            errors[f"stages[{index}].replicas"] = (
                f"{stage.device} has {limit} unit(s) in all; the stages ask for "
                f"{used[stage.device]}"
            )


def stage_batch_ms(stage: StageSpec, n: int, catalog: Catalog, resolution: str) -> float:
    """Service time of one batch of n frames at this stage."""
    if stage.kind == "inference":
        assert stage.model is not None
        return catalog.models[stage.model].batch_ms(stage.device, n)
    cost = catalog.stages[stage.kind][stage.device]
    return cost.batch_ms(n, catalog.pixel_scale(resolution))


def _check_capacity(spec: PipelineSpec, catalog: Catalog, requirements: Requirements,
                    errors: dict[str, str]) -> None:
    offered = requirements.streams * requirements.fps / spec.sample_every
    for index, stage in enumerate(spec.stages):
        batch_ms = stage_batch_ms(stage, stage.batch_size, catalog, requirements.resolution)
        per_replica = stage.batch_size / (batch_ms / 1000.0)
        capacity = per_replica * stage.replicas
        if capacity < offered:
            needed = int(offered // per_replica) + 1
            units = catalog.devices[stage.device].max_units
            advice = (
                f"it needs at least {needed} replicas"
                if units is None or needed <= units
                else f"{stage.device} has only {units} unit(s): use a larger batch, a faster "
                "device or model, or sample fewer frames"
            )
            errors[f"stages[{index}].replicas"] = (
                f"{stage.name} cannot keep up: {stage.replicas} x {per_replica:,.0f} frames/s "
                f"= {capacity:,.0f} frames/s at batch {stage.batch_size}, but "
                f"{offered:,.0f} frames/s arrive; {advice}"
            )
