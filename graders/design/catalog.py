"""The component catalog (problems/components/catalog.yaml): devices, stage costs, models.

Figures are illustrative; the YAML names its sources. This module only reads and checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graders.package import InvalidPackage

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "problems" / "components" / "catalog.yaml"
STAGE_KINDS = ("decode", "preprocess", "inference", "postprocess", "tracker")
TASKS = ("detection", "classification", "segmentation")


@dataclass(frozen=True)
class Device:
    name: str
    label: str
    kind: str
    price_per_hour: float
    power_w: float
    idle_w: float
    max_units: int | None


@dataclass(frozen=True)
class StageCost:
    """Service time of a batch of n frames: ``fixed_ms + per_frame_ms * n`` at 1080p."""

    per_frame_ms: float
    fixed_ms: float
    resolution_independent: bool

    def batch_ms(self, n: int, pixel_scale: float) -> float:
        scale = 1.0 if self.resolution_independent else pixel_scale
        return (self.fixed_ms + self.per_frame_ms * n) * scale


@dataclass(frozen=True)
class OperatingPoint:
    threshold: float
    precision: float
    recall: float


@dataclass(frozen=True)
class ModelVariant:
    name: str
    task: str
    accuracy: float
    # device -> sorted ((batch size, ms), ...)
    latency_ms: dict[str, tuple[tuple[int, float], ...]]
    operating_points: tuple[OperatingPoint, ...]

    def max_batch(self, device: str) -> int:
        return self.latency_ms[device][-1][0]

    def batch_ms(self, device: str, n: int) -> float:
        """Linear interpolation between profiled batch sizes (n within the profiled range)."""
        points = self.latency_ms[device]
        if n <= points[0][0]:
            return points[0][1] * n / points[0][0]
        for (b0, t0), (b1, t1) in zip(points, points[1:], strict=False):
            if n <= b1:
                return t0 + (t1 - t0) * (n - b0) / (b1 - b0)
        raise ValueError(f"batch {n} above the profiled {points[-1][0]}")

    def operating_point(self, threshold: float) -> OperatingPoint | None:
        for point in self.operating_points:
            if abs(point.threshold - threshold) < 1e-9:
                return point
        return None


@dataclass(frozen=True)
class Catalog:
    devices: dict[str, Device]
    stages: dict[str, dict[str, StageCost]]
    models: dict[str, ModelVariant]
    bitrate_mbps: dict[str, float]
    resolutions: dict[str, tuple[int, int]]

    def pixel_scale(self, resolution: str) -> float:
        width, height = self.resolutions[resolution]
        ref_width, ref_height = self.resolutions["1080p"]
        return (width * height) / (ref_width * ref_height)

    def to_json(self) -> dict[str, Any]:
        """What the design page and the API show: every figure, nothing hidden here."""
        return {
            "devices": {
                name: {
                    "label": d.label,
                    "kind": d.kind,
                    "price_per_hour": d.price_per_hour,
                    "power_w": d.power_w,
                    "idle_w": d.idle_w,
                    "max_units": d.max_units,
                }
                for name, d in self.devices.items()
            },
            "stages": {
                kind: {
                    device: {
                        "per_frame_ms": c.per_frame_ms,
                        "fixed_ms": c.fixed_ms,
                        "resolution_independent": c.resolution_independent,
                    }
                    for device, c in costs.items()
                }
                for kind, costs in self.stages.items()
            },
            "models": {
                name: {
                    "task": m.task,
                    "accuracy": m.accuracy,
                    "latency_ms": {
                        device: {str(b): ms for b, ms in points}
                        for device, points in m.latency_ms.items()
                    },
                    "operating_points": [
                        {"threshold": p.threshold, "precision": p.precision, "recall": p.recall}
                        for p in m.operating_points
                    ],
                }
                for name, m in self.models.items()
            },
            "bitrate_mbps": dict(self.bitrate_mbps),
            "resolutions": {k: {"width": w, "height": h} for k, (w, h) in self.resolutions.items()},
        }


def _number(value: Any, where: str, path: Path, *, minimum: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise InvalidPackage(path=path, field=where, reason=f"must be a number >= {minimum}")
    return float(value)


def _table(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise InvalidPackage(path=path, field=key, reason="must be a non-empty mapping")
    return value


def parse_catalog(data: Any, path: Path) -> Catalog:
    if not isinstance(data, dict):
        raise InvalidPackage(path=path, reason="must be a YAML mapping")
    devices = {}
    for name, raw in _table(data, "devices", path).items():
        where = f"devices.{name}"
        max_units = raw.get("max_units")
        if max_units is not None and (not isinstance(max_units, int) or max_units < 1):
            raise InvalidPackage(path=path, field=f"{where}.max_units", reason="must be >= 1")
        devices[name] = Device(
            name=name,
            label=str(raw.get("label", name)),
            kind=str(raw.get("kind", "")),
            price_per_hour=_number(raw.get("price_per_hour"), f"{where}.price_per_hour", path),
            power_w=_number(raw.get("power_w"), f"{where}.power_w", path),
            idle_w=_number(raw.get("idle_w", 0), f"{where}.idle_w", path),
            max_units=max_units,
        )
    stages: dict[str, dict[str, StageCost]] = {}
    for kind, costs in _table(data, "stages", path).items():
        if kind not in STAGE_KINDS or kind == "inference":
            raise InvalidPackage(path=path, field=f"stages.{kind}", reason="unknown stage kind")
        stages[kind] = {}
        for device, raw in costs.items():
            where = f"stages.{kind}.{device}"
            if device not in devices:
                raise InvalidPackage(path=path, field=where, reason="unknown device")
            stages[kind][device] = StageCost(
                per_frame_ms=_number(raw.get("per_frame_ms"), f"{where}.per_frame_ms", path),
                fixed_ms=_number(raw.get("fixed_ms", 0), f"{where}.fixed_ms", path),
                resolution_independent=bool(raw.get("resolution_independent", False)),
            )
    models = {}
    for name, raw in _table(data, "models", path).items():
        where = f"models.{name}"
        if raw.get("task") not in TASKS:
            raise InvalidPackage(path=path, field=f"{where}.task", reason=f"must be in {TASKS}")
        latency: dict[str, tuple[tuple[int, float], ...]] = {}
        for device, table in _table(raw, "latency_ms", path).items():
            if device not in devices:
                raise InvalidPackage(path=path, field=f"{where}.latency_ms.{device}",
                                     reason="unknown device")
            points = sorted((int(b), _number(ms, f"{where}.latency_ms.{device}", path))
                            for b, ms in table.items())
            if points[0][0] < 1 or any(t1 < t0 for (_, t0), (_, t1) in zip(points, points[1:],
                                                                            strict=False)):
                raise InvalidPackage(path=path, field=f"{where}.latency_ms.{device}",
                                     reason="batch sizes must be >= 1 and times non-decreasing")
            latency[device] = tuple(points)
        operating_points = tuple(
            OperatingPoint(
                threshold=_number(p.get("threshold"), f"{where}.operating_points", path),
                precision=_number(p.get("precision"), f"{where}.operating_points", path),
                recall=_number(p.get("recall"), f"{where}.operating_points", path),
            )
            for p in raw.get("operating_points", [])
        )
        models[name] = ModelVariant(
            name=name,
            task=raw["task"],
            accuracy=_number(raw.get("accuracy"), f"{where}.accuracy", path),
            latency_ms=latency,
            operating_points=operating_points,
        )
    resolutions = {
        name: (int(raw["width"]), int(raw["height"]))
        for name, raw in _table(data, "resolutions", path).items()
    }
    if "1080p" not in resolutions:
        raise InvalidPackage(path=path, field="resolutions", reason="must define 1080p")
    bitrates = {
        name: _number(value, f"bitrate_mbps.{name}", path)
        for name, value in _table(data, "bitrate_mbps", path).items()
    }
    return Catalog(devices, stages, models, bitrates, resolutions)


@lru_cache(maxsize=4)
def load_catalog(path: Path = DEFAULT_PATH) -> Catalog:
    try:
        data = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as error:
        raise InvalidPackage(path=path, reason=f"cannot be read: {error}") from None
    return parse_catalog(data, path)
