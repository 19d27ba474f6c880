"""JSON-ready previews of case data for the page: small values whole, large arrays summarised."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

MAX_ELEMENTS = 400


def _scalar(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # "nan", "inf": JSON has no spelling for them
    return value


def preview(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        summary: dict[str, Any] = {"shape": list(value.shape), "dtype": str(value.dtype)}
        if value.size <= MAX_ELEMENTS:
            summary["data"] = _nested(value.tolist())
        else:
            finite = value[np.isfinite(value)] if value.dtype.kind == "f" else value
            if finite.size:
                summary["min"] = _scalar(finite.min().item())
                summary["max"] = _scalar(finite.max().item())
                summary["mean"] = _scalar(float(finite.mean()))
        return {"array": summary}
    if isinstance(value, tuple):
        return {"tuple": [preview(item) for item in value]}
    if isinstance(value, list):
        if len(value) > MAX_ELEMENTS:
            return {"list": {"length": len(value), "head": [preview(v) for v in value[:20]]}}
        return [preview(item) for item in value]
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    if isinstance(value, float):
        return _scalar(value)
    return repr(value)[:200]


def _nested(data: Any) -> Any:
    if isinstance(data, list):
        return [_nested(item) for item in data]
    return _scalar(data)
