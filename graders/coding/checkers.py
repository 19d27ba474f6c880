"""Checkers: decide in the trusted process whether an output is right.

Each built-in checker first conforms the output to the expected value's type and shape
(graders.values), then compares. A package with ``name = "custom"`` supplies checker.py with
``check(actual, expected, case, params)``, which may use the helpers here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from graders.coding.casekit import Case
from graders.coding.values import OutputMismatch, conform


@dataclass(frozen=True)
class CheckOutcome:
    ok: bool
    message: str = ""


Checker = Callable[[Any, Any, Case, dict[str, Any]], CheckOutcome]


def _first_difference(
    actual: np.ndarray[Any, Any],
    expected: np.ndarray[Any, Any],
    bad: np.ndarray[Any, Any],
    name: str,
) -> str:
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    where = f"{name}[{', '.join(map(str, index))}]" if index else name
    count = int(bad.sum())
    return (
        f"{where} is {actual[index]!r}, expected {expected[index]!r}"
        f" ({count} of {bad.size} entries differ)"
    )


def _leaves(actual: Any, expected: Any, name: str = "output") -> list[tuple[Any, Any, str]]:
    """Pair up the scalar and array leaves of two conformed values."""
    if isinstance(expected, (tuple, list)) and not _is_flat_numbers(expected):
        pairs = []
        for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
            pairs.extend(_leaves(a, e, f"{name}[{i}]"))
        return pairs
    return [(actual, expected, name)]


def _is_flat_numbers(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    )


def check_exact(actual: Any, expected: Any, case: Case, params: dict[str, Any]) -> CheckOutcome:
    actual = conform(actual, expected, strict_dtype=params.get("strict_dtype", False))
    for a, e, name in _leaves(actual, expected):
        if isinstance(e, np.ndarray) or _is_flat_numbers(e):
            a_arr, e_arr = np.asarray(a), np.asarray(e)
            if a_arr.shape != e_arr.shape:
                return CheckOutcome(
                    False, f"{name}: expected {e_arr.shape[0]} items, got {a_arr.shape[0]}"
                )
            bad = a_arr != e_arr
            if e_arr.dtype.kind == "f":
                bad &= ~(np.isnan(a_arr) & np.isnan(e_arr))
            if bad.any():
                return CheckOutcome(False, _first_difference(a_arr, e_arr, bad, name))
        elif a != e and not (isinstance(e, float) and np.isnan(e) and np.isnan(a)):
            return CheckOutcome(False, f"{name} is {a!r}, expected {e!r}")
    return CheckOutcome(True)


def check_allclose(actual: Any, expected: Any, case: Case, params: dict[str, Any]) -> CheckOutcome:
    atol = float(params.get("atol", 1e-8))
    rtol = float(params.get("rtol", 1e-5))
    equal_nan = bool(params.get("equal_nan", True))
    actual = conform(actual, expected, strict_dtype=params.get("strict_dtype", False))
    for a, e, name in _leaves(actual, expected):
        a_arr = np.asarray(a, dtype=np.float64)
        e_arr = np.asarray(e, dtype=np.float64)
        if a_arr.shape != e_arr.shape:
            return CheckOutcome(
                False, f"{name}: expected {e_arr.shape[0]} items, got {a_arr.shape[0]}"
            )
        close = np.isclose(a_arr, e_arr, atol=atol, rtol=rtol, equal_nan=equal_nan)
        if not close.all():
            bad = ~close
            err = np.abs(a_arr - e_arr)
            worst = (
                float(np.nanmax(np.where(bad, err, 0))) if np.isfinite(err[bad]).any() else np.nan
            )
            return CheckOutcome(
                False,
                _first_difference(a_arr, e_arr, bad, name)
                + f"; max abs error {worst:.3g} (atol {atol:g}, rtol {rtol:g})",
            )
    return CheckOutcome(True)


def psnr(
    actual: np.ndarray[Any, Any], expected: np.ndarray[Any, Any], peak: float = 255.0
) -> float:
    mse = float(np.mean((actual.astype(np.float64) - expected.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * np.log10(peak**2 / mse)


def _abs_error(
    actual: np.ndarray[Any, Any], expected: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """|actual - expected| without a float64 copy of a whole 8-bit frame."""
    if (
        actual.dtype.kind in "iu"
        and expected.dtype.kind in "iu"
        and max(actual.dtype.itemsize, expected.dtype.itemsize) <= 2
    ):
        difference = actual.astype(np.int32) - expected.astype(np.int32)
    else:
        difference = actual.astype(np.float64) - expected.astype(np.float64)
    return np.asarray(np.abs(difference))


def check_image(actual: Any, expected: Any, case: Case, params: dict[str, Any]) -> CheckOutcome:
    """Images: every pixel within ``max_abs`` and, when given, PSNR of at least ``min_psnr``."""
    max_abs = float(params.get("max_abs", 0))
    min_psnr = params.get("min_psnr")
    peak = float(params.get("peak", 255.0))
    actual = conform(actual, expected, strict_dtype=params.get("strict_dtype", False))
    for a, e, name in _leaves(actual, expected):
        a_arr, e_arr = np.asarray(a), np.asarray(e)
        if a_arr.dtype.kind == "f" and not np.isfinite(a_arr).all():
            return CheckOutcome(False, f"{name} contains NaN or infinity")
        error = _abs_error(a_arr, e_arr)
        worst = float(error.max()) if error.size else 0.0
        if worst <= max_abs and min_psnr is None:
            continue  # PSNR only matters when it is judged or reported
        quality = psnr(a_arr, e_arr, peak) if error.size else float("inf")
        summary = f"max abs error {worst:.4g}, PSNR {quality:.2f} dB"
        if worst > max_abs:
            return CheckOutcome(
                False,
                _first_difference(a_arr, e_arr, error > max_abs, name)
                + f"; {summary} (allowed max abs {max_abs:g})",
            )
        if min_psnr is not None and quality < float(min_psnr):
            return CheckOutcome(False, f"{name}: {summary}, below {float(min_psnr):g} dB")
    return CheckOutcome(True)


def _rows(value: Any) -> list[Any]:
    if isinstance(value, np.ndarray):
        return (
            [tuple(row) if value.ndim > 1 else row for row in value.tolist()]
            if value.ndim
            else [value.item()]
        )
    return [tuple(v) if isinstance(v, (list, tuple)) else v for v in value]


def check_set(actual: Any, expected: Any, case: Case, params: dict[str, Any]) -> CheckOutcome:
    """Same items in any order (as a multiset); for arrays, the items are the rows."""
    if isinstance(expected, np.ndarray):
        shape = (None, *expected.shape[1:])
        from graders.coding.values import COMPATIBLE_KINDS, as_array

        actual = as_array(actual, kinds=COMPATIBLE_KINDS[expected.dtype.kind], shape=shape)
    elif not isinstance(actual, (list, tuple, np.ndarray)):
        raise OutputMismatch(f"output: expected a collection, got {type(actual).__name__}")
    want, got = sorted(map(repr, _rows(expected))), sorted(map(repr, _rows(actual)))
    if want == got:
        return CheckOutcome(True)
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    parts = [f"expected {len(want)} items, got {len(got)}"]
    if missing:
        parts.append(f"missing {missing[0]}")
    if extra:
        parts.append(f"unexpected {extra[0]}")
    return CheckOutcome(False, "; ".join(parts))


def same_partition(
    actual: np.ndarray[Any, Any], expected: np.ndarray[Any, Any], background: int | None = 0
) -> CheckOutcome:
    """Two label maps describe the same regions, whatever numbers name them."""
    if actual.shape != expected.shape:
        return CheckOutcome(False, f"expected shape {expected.shape}, got {actual.shape}")
    if background is not None:
        bad = (actual == background) != (expected == background)
        if bad.any():
            index = tuple(int(i) for i in np.argwhere(bad)[0])
            return CheckOutcome(False, f"pixel {index}: background in one map but not the other")
    pairs = np.unique(np.stack([actual.ravel(), expected.ravel()]), axis=1)
    if len(np.unique(pairs[0])) != pairs.shape[1] or len(np.unique(pairs[1])) != pairs.shape[1]:
        return CheckOutcome(
            False, "labels do not form the same partition: a region is split or merged"
        )
    return CheckOutcome(True)


def check_partition(actual: Any, expected: Any, case: Case, params: dict[str, Any]) -> CheckOutcome:
    """Integer leaves must match exactly; label arrays must describe the same partition."""
    background = params.get("background", 0)
    actual = conform(actual, expected)
    for a, e, name in _leaves(actual, expected):
        if isinstance(e, np.ndarray):
            outcome = same_partition(np.asarray(a), e, background)
            if not outcome.ok:
                return CheckOutcome(False, f"{name}: {outcome.message}")
        elif a != e:
            return CheckOutcome(False, f"{name} is {a!r}, expected {e!r}")
    return CheckOutcome(True)


BUILTIN: dict[str, Checker] = {
    "exact": check_exact,
    "allclose": check_allclose,
    "image": check_image,
    "set": check_set,
    "partition": check_partition,
}


def run_checker(
    checker: Checker, actual: Any, expected: Any, case: Case, params: dict[str, Any]
) -> CheckOutcome:
    """Run a checker; a malformed output becomes a wrong answer that says what was wrong."""
    try:
        outcome: Any = checker(actual, expected, case, params)
    except OutputMismatch as mismatch:
        return CheckOutcome(False, str(mismatch))
    if isinstance(outcome, CheckOutcome):
        return outcome
    if isinstance(outcome, tuple):
        return CheckOutcome(bool(outcome[0]), str(outcome[1]) if len(outcome) > 1 else "")
    return CheckOutcome(bool(outcome))
