"""A design prompt's quantitative requirements and simulation settings (problem.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graders.package import InvalidPackage

PERCENTILES = (50, 95, 99)


@dataclass(frozen=True)
class Requirements:
    task: str
    streams: int
    fps: float
    resolution: str
    latency_percentile: int
    latency_budget_ms: float
    max_drop_rate: float = 0.001
    min_accuracy: float | None = None
    max_cost_per_hour: float | None = None
    max_power_w: float | None = None
    min_precision: float | None = None
    min_recall: float | None = None
    min_processed_fps: float | None = None
    max_bandwidth_mbps: float | None = None
    allowed_devices: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if v is not None and v != ()}
        data["allowed_devices"] = list(self.allowed_devices)
        return data


@dataclass(frozen=True)
class SimulationSettings:
    arrival: str = "periodic"
    jitter_ms: float = 2.0
    service_cv: float = 0.1
    duration_s: float = 6.0
    warmup_s: float = 1.0
    seed: int = 1


def _get(table: dict[str, Any], key: str, kind: type | tuple[type, ...], path: Path,
         prefix: str, default: Any = ...) -> Any:
    if key not in table:
        if default is ...:
            raise InvalidPackage(path=path, field=f"{prefix}.{key}", reason="is required")
        return default
    value = table[key]
    if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
        raise InvalidPackage(path=path, field=f"{prefix}.{key}", reason="has the wrong type")
    return value


def parse_requirements(table: Any, task: str, resolutions: dict[str, Any], devices: dict[str, Any],
                       path: Path) -> Requirements:
    if not isinstance(table, dict):
        raise InvalidPackage(path=path, field="requirements", reason="must be a table")
    number = (int, float)
    known = set(Requirements.__dataclass_fields__) - {"task"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise InvalidPackage(path=path, field="requirements", reason=f"unknown keys {unknown}")
    optional = {
        key: float(_get(table, key, number, path, "requirements", None))
        if key in table else None
        for key in ("min_accuracy", "max_cost_per_hour", "max_power_w", "min_precision",
                    "min_recall", "min_processed_fps", "max_bandwidth_mbps")
    }
    requirements = Requirements(
        task=task,
        streams=_get(table, "streams", int, path, "requirements"),
        fps=float(_get(table, "fps", number, path, "requirements")),
        resolution=_get(table, "resolution", str, path, "requirements"),
        latency_percentile=_get(table, "latency_percentile", int, path, "requirements"),
        latency_budget_ms=float(_get(table, "latency_budget_ms", number, path, "requirements")),
        max_drop_rate=float(_get(table, "max_drop_rate", number, path, "requirements", 0.001)),
        allowed_devices=tuple(_get(table, "allowed_devices", list, path, "requirements", [])),
        **optional,
    )
    if requirements.resolution not in resolutions:
        raise InvalidPackage(path=path, field="requirements.resolution",
                             reason=f"must be one of {sorted(resolutions)}")
    if requirements.latency_percentile not in PERCENTILES:
        raise InvalidPackage(path=path, field="requirements.latency_percentile",
                             reason=f"must be one of {PERCENTILES}")
    if requirements.streams < 1 or requirements.fps <= 0:
        raise InvalidPackage(path=path, field="requirements.streams",
                             reason="streams and fps must be positive")
    for device in requirements.allowed_devices:
        if device not in devices:
            raise InvalidPackage(path=path, field="requirements.allowed_devices",
                                 reason=f"unknown device {device!r}")
    return requirements


def parse_simulation(table: Any, path: Path) -> SimulationSettings:
    if table is None:
        return SimulationSettings()
    if not isinstance(table, dict):
        raise InvalidPackage(path=path, field="simulation", reason="must be a table")
    number = (int, float)
    settings = SimulationSettings(
        arrival=_get(table, "arrival", str, path, "simulation", "periodic"),
        jitter_ms=float(_get(table, "jitter_ms", number, path, "simulation", 2.0)),
        service_cv=float(_get(table, "service_cv", number, path, "simulation", 0.1)),
        duration_s=float(_get(table, "duration_s", number, path, "simulation", 6.0)),
        warmup_s=float(_get(table, "warmup_s", number, path, "simulation", 1.0)),
        seed=_get(table, "seed", int, path, "simulation", 1),
    )
    if settings.arrival not in ("periodic", "poisson"):
        raise InvalidPackage(path=path, field="simulation.arrival",
                             reason="must be periodic or poisson")
    if not 0 <= settings.service_cv <= 1:
        raise InvalidPackage(path=path, field="simulation.service_cv", reason="must be in [0, 1]")
    if not 0 <= settings.warmup_s < settings.duration_s <= 60:
        raise InvalidPackage(path=path, field="simulation.duration_s",
                             reason="need 0 <= warmup_s < duration_s <= 60")
    return settings
