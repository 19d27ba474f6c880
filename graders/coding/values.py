"""Validating a decoded return value against the shape of the expected one.

Runs in the trusted process, before any comparison, so that every checker sees plain Python
and numpy values of the right type, dtype family and shape.
"""

from __future__ import annotations

from typing import Any

import numpy as np

# dtype kinds an actual array may have for each expected kind
COMPATIBLE_KINDS = {"b": "b", "i": "iu", "u": "iu", "f": "fiu"}


class OutputMismatch(Exception):
    """The output has the wrong type, dtype or shape; the message says what was expected."""


def describe(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, tuple):
        return f"a tuple of {len(value)}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return f"a {type(value).__name__} ({value!r:.40})"


def as_array(
    actual: Any,
    *,
    kinds: str,
    shape: tuple[int | None, ...] | None = None,
    name: str = "output",
) -> np.ndarray[Any, Any]:
    """Coerce ``actual`` to an array of one of ``kinds``; ``None`` in ``shape`` matches any size."""
    if isinstance(actual, np.ndarray):
        array = actual
    elif isinstance(actual, (list, tuple, int, float, bool)):
        try:
            array = np.asarray(actual)
        except (ValueError, TypeError):
            raise OutputMismatch(f"{name}: cannot be read as an array") from None
    else:
        raise OutputMismatch(f"{name}: expected an array, got {describe(actual)}")
    if array.dtype.kind not in kinds:
        raise OutputMismatch(f"{name}: expected dtype kind {kinds!r}, got {array.dtype}")
    if shape is not None and (
        array.ndim != len(shape)
        or any(w is not None and w != g for w, g in zip(shape, array.shape, strict=True))
    ):
        wanted = tuple("any" if n is None else n for n in shape)
        raise OutputMismatch(f"{name}: expected shape {wanted}, got {array.shape}")
    return array


def conform(actual: Any, expected: Any, *, strict_dtype: bool = False, name: str = "output") -> Any:
    """Return ``actual`` in the form of ``expected`` or raise OutputMismatch saying why not."""
    if isinstance(expected, np.ndarray):
        array = as_array(
            actual,
            kinds=COMPATIBLE_KINDS.get(expected.dtype.kind, expected.dtype.kind),
            shape=expected.shape,
            name=name,
        )
        if strict_dtype and array.dtype != expected.dtype:
            raise OutputMismatch(f"{name}: expected dtype {expected.dtype}, got {array.dtype}")
        return array
    if isinstance(expected, (tuple, list)):
        if isinstance(actual, np.ndarray) and isinstance(expected, list) and actual.ndim == 1:
            actual = actual.tolist()
        if not isinstance(actual, (tuple, list)):
            raise OutputMismatch(f"{name}: expected {describe(expected)}, got {describe(actual)}")
        if len(actual) != len(expected):
            raise OutputMismatch(f"{name}: expected {len(expected)} items, got {len(actual)}")
        items = [
            conform(a, e, strict_dtype=strict_dtype, name=f"{name}[{i}]")
            for i, (a, e) in enumerate(zip(actual, expected, strict=True))
        ]
        return tuple(items) if isinstance(expected, tuple) else items
    if (
        isinstance(expected, (bool, int, float))
        and isinstance(actual, np.ndarray)
        and actual.ndim == 0
    ):
        actual = actual.item()  # a 0-d array is a scalar in everything but name
    if isinstance(expected, bool):
        if not isinstance(actual, bool):
            raise OutputMismatch(f"{name}: expected a bool, got {describe(actual)}")
        return actual
    if isinstance(expected, int):
        if isinstance(actual, float) and actual.is_integer():
            return int(actual)
        if not isinstance(actual, int) or isinstance(actual, bool):
            raise OutputMismatch(f"{name}: expected an int, got {describe(actual)}")
        return actual
    if isinstance(expected, float):
        if not isinstance(actual, (int, float)) or isinstance(actual, bool):
            raise OutputMismatch(f"{name}: expected a float, got {describe(actual)}")
        return float(actual)
    if type(actual) is not type(expected):
        raise OutputMismatch(f"{name}: expected {describe(expected)}, got {describe(actual)}")
    return actual
