"""Comparing tensors (as arrays) in the trusted process, by the contract's rule.

Floating values: ``|out - ref| <= atol + rtol * |ref|`` everywhere, and out finite wherever ref
is (where ref is not finite, out must be the same infinity or NaN). Integer and bool values:
exact. Shape and dtype: exact. Messages name the output or gradient, and, for sample cases
only, where and by how much it is off.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from graders.torchrt.spec import Tolerance

Array = np.ndarray[Any, Any]


def _index(flat: int, shape: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(int(i)) for i in np.unravel_index(flat, shape)) + "]"


def dtype_name(dtype: np.dtype[Any]) -> str:
    return "bool" if dtype.kind == "b" else str(dtype)


def compare(
    actual: Array, expected: Array, tolerance: Tolerance, label: str, *, hidden: bool
) -> str:
    """An empty string when ``actual`` passes, otherwise what is wrong with it."""
    if actual.shape != expected.shape:
        if hidden:
            return f"{label}: wrong shape"
        return f"{label}: shape {actual.shape} expected {expected.shape}"
    if actual.dtype != expected.dtype:
        if hidden:  # the dtype returned is the solution's to choose per case: a channel
            return f"{label}: wrong dtype, expected {dtype_name(expected.dtype)}"
        return f"{label}: dtype {dtype_name(actual.dtype)}, expected {dtype_name(expected.dtype)}"
    if actual.size == 0:
        return ""
    if expected.dtype.kind in "biu":
        bad = actual != expected
        if not bad.any():
            return ""
        if hidden:
            return f"{label}: wrong values"
        first = int(np.flatnonzero(bad)[0])
        where = _index(first, expected.shape)
        return (
            f"{label}: {int(bad.sum())} of {bad.size} values differ, first at {where} "
            f"({actual.flat[first].item()!r}, expected {expected.flat[first].item()!r})"
        )
    got = actual.astype(np.float64)
    want = expected.astype(np.float64)
    finite = np.isfinite(want)
    with np.errstate(invalid="ignore", over="ignore"):
        error = np.abs(got - want)
        allowed = tolerance.atol + tolerance.rtol * np.abs(want)
        good_finite = finite & np.isfinite(got) & (error <= allowed)
        same_special = ~finite & ((got == want) | (np.isnan(got) & np.isnan(want)))
    bad = ~(good_finite | same_special)
    if not bad.any():
        return ""
    if hidden:
        return f"{label}: wrong values"
    non_finite = bad & finite & ~np.isfinite(got)
    if non_finite.any():
        first = int(np.flatnonzero(non_finite)[0])
        return (
            f"{label}: {got.flat[first]} at {_index(first, want.shape)} where "
            f"{want.flat[first]:.6g} is expected ({int(non_finite.sum())} non-finite values)"
        )
    special = bad & ~finite
    if special.any():
        first = int(np.flatnonzero(special)[0])
        return (
            f"{label}: {got.flat[first]:.6g} at {_index(first, want.shape)}, "
            f"expected {want.flat[first]}"
        )
    excess = np.where(bad, error - allowed, -np.inf)
    worst = int(np.argmax(excess))
    return (
        f"{label}: max error {error.flat[worst]:.2g} at {_index(worst, want.shape)} "
        f"(tolerance {allowed.flat[worst]:.2g}; {int(bad.sum())} of {bad.size} values off)"
    )
