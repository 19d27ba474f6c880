"""Wrong answers explained by kind: a fixed set of hypotheses, each a transformation that must
make the output pass the problem's own checker (so "within tolerance" means the problem's
tolerance), tried in the trusted process after a wrong answer.

A diagnosis is never a guess: ``transposed`` means that the output, transposed, is accepted.
Hypotheses that need the expected value to undo a mistake (a shift, a border band, a wrap at
256) only ever copy the part the hypothesis blames and are refused when that copy alone would
already pass. Rounding needs the unrounded values: a package's checker.py may define
``unrounded(case, expected)`` returning them (an array, or a tuple with ``None`` for leaves that
are not rounded).
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from graders.coding.casekit import Case
from graders.coding.checkers import Checker, run_checker

# Larger outputs (a 4K frame) are not diagnosed: a dozen extra checks would slow grading.
MAX_ELEMENTS = 1 << 22
BORDER_WIDTHS = (1, 2, 3, 4, 6, 8, 12, 16)
ROUNDING_SLACK = 1e-6  # relative: float32 and float64 products differ by less near integers

SENTENCES: dict[str, str] = {
    "transposed": "your output equals the expected output transposed",
    "channels_reversed": "your output equals the expected output with the colour channels"
    " reversed (BGR/RGB)",
    "shifted": "your output equals the expected output shifted by one pixel",
    "uint8_wraparound": "your values equal the expected ones wrapped around at 256"
    " (uint8 overflow)",
    "scaled_255": "your output equals the expected output scaled by 255 ([0, 1] against [0, 255])",
    "rounding": "your output equals the expected values rounded another way (the contract"
    " rounds to nearest)",
    "order_differs": "your output has the right elements in another order",
    "off_by_one": "every value is off by exactly one (1-based indices?)",
    "xywh_xyxy": "your boxes are [x, y, w, h] where [x1, y1, x2, y2] is expected (or the"
    " other way round)",
    "dtype": "your output has the right values in the wrong dtype",
    "sign_flipped": "your output equals the expected output with its sign flipped",
    "border_only": "your output differs only on the image border (border mode?)",
}
CODES = tuple(SENTENCES)


@dataclass(frozen=True)
class Diagnosis:
    code: str
    detail: str = ""  # about the solution's output; shown on sample cases only

    def sentence(self, *, sample: bool) -> str:
        text = SENTENCES[self.code]
        return f"{text}: {self.detail}" if sample and self.detail else text


@dataclass(frozen=True)
class _Variant:
    leaf: Any
    detail: str = ""
    # Outputs that must NOT pass for the variant to count: the output with only the expected
    # part copied in (else the copy, not the transformation, explains it), and the expected
    # output itself transformed (else the data cannot tell the transformation apart).
    guards: tuple[Any, ...] = ()


Path = tuple[int, ...]
Hypothesis = Callable[[Any, Any], Iterator[_Variant]]


def diagnose(
    checker: Checker, actual: Any, expected: Any, case: Case, params: dict[str, Any]
) -> Diagnosis | None:
    """The first hypothesis that turns ``actual`` into an accepted output, or None."""
    if _elements(actual) > MAX_ELEMENTS:
        return None

    def passes(candidate: Any) -> bool:
        try:
            with np.errstate(all="ignore"):
                return run_checker(checker, candidate, expected, case, params).ok
        except Exception:  # a transformed output a custom checker cannot read: not explained
            return False

    if passes(actual):
        return None
    # The items of a returned tuple swapped explain the whole output: tried before any leaf.
    found = _reordered_items(actual, passes)
    if found is not None:
        return found
    leaves = _leaf_paths(actual)
    for code, hypothesis in _LEAF_HYPOTHESES:
        if code == "rounding":
            found = _rounding(checker, actual, expected, case, passes)
        else:
            found = _try_leaves(code, hypothesis, actual, expected, leaves, passes)
        if found is not None:
            return found
    return None


def explain(
    checker: Checker, actual: Any, expected: Any, case: Case, params: dict[str, Any]
) -> tuple[str, str]:
    """(code, sentence) for a case's result, ("", "") when nothing explains the output. The
    sentence of a hidden case names the hypothesis only."""
    try:
        found = diagnose(checker, actual, expected, case, params)
    except Exception:  # an explanation is a courtesy: it must never break the grading
        return "", ""
    if found is None:
        return "", ""
    return found.code, found.sentence(sample=case.sample)


def _try_leaves(
    code: str,
    hypothesis: Hypothesis | None,
    actual: Any,
    expected: Any,
    leaves: list[Path],
    passes: Callable[[Any], bool],
) -> Diagnosis | None:
    """The hypothesis on every leaf at once (variant k on each), then on each leaf alone."""
    if hypothesis is None:
        return None
    # A number is tried only beside an array result (a count with its label map): a lone
    # number, or one of a pair of indices, one away is as often a coincidence as a cause.
    beside_array = any(_several(_get(actual, path)) for path in leaves)
    variants = {
        path: list(hypothesis(_get(actual, path), _get_or_none(expected, path)))
        if beside_array or not _is_number(_get(actual, path))
        else []
        for path in leaves
    }
    applicable = [path for path in leaves if variants[path]]
    groups: list[list[Path]] = [[path] for path in applicable]
    if len(applicable) > 1:
        groups.insert(0, applicable)
    for group in groups:
        for k in range(max(len(variants[path]) for path in group)):
            candidate, detail = actual, ""
            guards: list[Any] = []
            for path in group:
                if k < len(variants[path]):
                    variant = variants[path][k]
                    candidate = _put(candidate, path, variant.leaf)
                    for i, guard_leaf in enumerate(variant.guards):
                        if i == len(guards):
                            guards.append(actual)
                        guards[i] = _put(guards[i], path, guard_leaf)
                    detail = detail or variant.detail
            if passes(candidate) and not any(passes(guard) for guard in guards):
                if len(group) == 1 and group[0]:
                    where = "output" + "".join(f"[{i}]" for i in group[0])
                    detail = f"{where}, {detail}" if detail else where
                return Diagnosis(code, detail)
    return None


# ------------------------------------------------------------------ structure
def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.number)) and not isinstance(value, (bool, np.bool_))


def _is_flat_numbers(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_is_number(v) for v in value)


def _leaf_paths(value: Any, path: Path = ()) -> list[Path]:
    if isinstance(value, np.ndarray) or _is_number(value) or _is_flat_numbers(value):
        return [path]
    if isinstance(value, (tuple, list)) and len(value) <= 8:
        return [p for i, item in enumerate(value) for p in _leaf_paths(item, (*path, i))]
    return []


def _get(value: Any, path: Path) -> Any:
    for i in path:
        value = value[i]
    if _is_flat_numbers(value):
        return np.asarray(value)
    return value


def _get_or_none(value: Any, path: Path) -> Any:
    try:
        return _get(value, path)
    except (IndexError, TypeError, KeyError):
        return None


def _put(value: Any, path: Path, leaf: Any) -> Any:
    if not path:
        return leaf
    items = list(value)
    items[path[0]] = _put(items[path[0]], path[1:], leaf)
    return tuple(items) if isinstance(value, tuple) else items


def _elements(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return int(value.size)
    if isinstance(value, (tuple, list)):
        return sum(_elements(item) for item in value) if len(value) <= 8 else len(value)
    return 1


def _several(leaf: Any) -> bool:
    """Value hypotheses (sign, scale, wrap, off by one on arrays) need two numbers or more: a
    single number negated or scaled is as often a coincidence as a cause. A lone integer one
    away is the exception (_plus_minus_one)."""
    return isinstance(leaf, np.ndarray) and leaf.size >= 2


def _is_integer(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _spatial_axes(leaf: Any) -> tuple[int, int] | None:
    """The (y, x) axes of an image-like array: (H, W), (H, W, C<=4), (C, H, W), (N, C, H, W)."""
    if not isinstance(leaf, np.ndarray) or leaf.ndim < 2 or leaf.ndim > 4:
        return None
    if leaf.ndim == 2:
        axes = (0, 1)
    elif leaf.ndim == 3:
        axes = (0, 1) if leaf.shape[2] <= 4 else (1, 2)
    else:
        axes = (1, 2) if leaf.shape[3] <= 4 else (2, 3)
    return axes if min(leaf.shape[axes[0]], leaf.shape[axes[1]]) >= 4 else None


# ------------------------------------------------------------------ hypotheses
def _dtype(leaf: Any, expected: Any) -> Iterator[_Variant]:
    if not isinstance(leaf, np.ndarray) or not isinstance(expected, np.ndarray):
        return
    if leaf.dtype == expected.dtype or leaf.shape != expected.shape:
        return
    if leaf.dtype.kind not in "biuf":
        return
    with np.errstate(all="ignore"):
        cast = leaf.astype(expected.dtype)
        lossless = np.array_equal(cast.astype(np.float64), leaf.astype(np.float64))
    if lossless:
        yield _Variant(cast, f"{leaf.dtype} where {expected.dtype} is expected")


def _transposed(leaf: Any, expected: Any) -> Iterator[_Variant]:
    if not isinstance(leaf, np.ndarray) or leaf.ndim < 2:
        return
    pairs = [(0, 1)] if leaf.ndim == 2 else [(0, 1), (leaf.ndim - 2, leaf.ndim - 1)]
    for first, second in pairs:
        swapped = np.swapaxes(leaf, first, second)
        if not isinstance(expected, np.ndarray) or swapped.shape == expected.shape:
            yield _Variant(np.ascontiguousarray(swapped), f"axes {first} and {second} swapped")


def _channels_reversed(leaf: Any, expected: Any) -> Iterator[_Variant]:
    if not isinstance(leaf, np.ndarray) or leaf.ndim < 3:
        return
    if leaf.shape[-1] in (3, 4):
        order = [2, 1, 0, 3][: leaf.shape[-1]]
        yield _Variant(leaf[..., order], "along the last axis")
    if leaf.ndim == 3 and leaf.shape[0] == 3:
        yield _Variant(leaf[::-1].copy(), "along the first axis")


def _matched(
    actual: np.ndarray[Any, Any], expected: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any] | None:
    """``actual``'s rows (axis 0) rearranged in ``expected``'s order, when both sort alike."""
    if actual.shape != expected.shape or actual.ndim == 0 or len(actual) < 2:
        return None
    a_rows, e_rows = actual.reshape(len(actual), -1), expected.reshape(len(expected), -1)
    order_a = np.lexsort(a_rows.T[::-1])
    order_e = np.lexsort(e_rows.T[::-1])
    if np.array_equal(order_a, order_e):
        return None  # already in the expected order: reordering changes nothing
    result = np.empty_like(actual)
    result[order_e] = actual[order_a]
    return result


def _distinct(items: np.ndarray[Any, Any]) -> bool:
    """Mostly distinct rows (axis 0): only then is "the same rows in another order" evidence;
    a pruned weight vector of many zeros or a mask of booleans matches itself reordered."""
    rows = items.reshape(len(items), -1)
    return len(rows) >= 2 and len(np.unique(rows, axis=0)) > 0.9 * len(rows)


def _order(leaf: Any, expected: Any) -> Iterator[_Variant]:
    if not isinstance(leaf, np.ndarray) or not isinstance(expected, np.ndarray):
        return
    if leaf.shape != expected.shape or leaf.size < 2 or expected.dtype.kind not in "iuf":
        return
    rows = _matched(leaf, expected) if _distinct(expected) else None
    if rows is not None:
        yield _Variant(rows, "the rows" if leaf.ndim > 1 else "the items")
    if leaf.ndim >= 2 and _distinct(np.moveaxis(expected, -1, 0)):
        columns = _matched(np.moveaxis(leaf, -1, 0), np.moveaxis(expected, -1, 0))
        if columns is not None:
            yield _Variant(np.moveaxis(columns, 0, -1), "within each row (the last axis)")
    # Every element moved: only for float data of distinct values, where the same multiset
    # cannot be a coincidence.
    if leaf.ndim >= 2 and leaf.dtype.kind == "f" and len(np.unique(leaf)) > 0.9 * leaf.size:
        flat = _matched(leaf.ravel(), expected.ravel())
        if flat is not None:
            yield _Variant(flat.reshape(leaf.shape), "the same values, rearranged")


def _reordered_items(actual: Any, passes: Callable[[Any], bool]) -> Diagnosis | None:
    """A tuple or list of results (gx, gy) in another order."""
    if not isinstance(actual, (tuple, list)) or not 2 <= len(actual) <= 4:
        return None
    if _is_flat_numbers(actual):
        return None
    for permutation in itertools.permutations(range(len(actual))):
        if list(permutation) == list(range(len(actual))):
            continue
        items = [actual[i] for i in permutation]
        candidate = tuple(items) if isinstance(actual, tuple) else items
        if passes(candidate):
            return Diagnosis("order_differs", "the items of the returned tuple")
    return None


def _boxes(leaf: Any, expected: Any) -> Iterator[_Variant]:
    # Boxes are rows of four: a 1-D output of length 4 is not a box.
    if not isinstance(leaf, np.ndarray) or leaf.ndim < 2 or leaf.shape[-1] != 4:
        return
    if leaf.dtype.kind not in "iuf" or leaf.size == 0:
        return
    corner, size = leaf[..., :2], leaf[..., 2:]
    yield _Variant(np.concatenate([corner, corner + size], axis=-1), "[x, y, w, h] returned")
    yield _Variant(np.concatenate([corner, size - corner], axis=-1), "[x1, y1, x2, y2] returned")


def _sign(leaf: Any, expected: Any) -> Iterator[_Variant]:
    if _several(leaf) and leaf.dtype.kind in "if":
        yield _Variant(-leaf)


def _plus_minus_one(leaf: Any, expected: Any) -> Iterator[_Variant]:
    # An integer beside an array result (a count returned with its label map) counts too: with
    # the rest right, one away is the classic fencepost mistake. _try_leaves offers numbers
    # only in that setting.
    if _is_integer(leaf) and _is_integer(expected):
        yield _Variant(type(expected)(int(leaf) - 1), "one more than expected")
        yield _Variant(type(expected)(int(leaf) + 1), "one less than expected")
        return
    if not _several(leaf) or leaf.dtype.kind not in "iu":
        return
    wide = leaf.astype(np.int64)
    info = np.iinfo(leaf.dtype)
    for delta, detail in ((-1, "one more than expected"), (1, "one less than expected")):
        moved = wide + delta
        fits = moved.min() >= info.min and moved.max() <= info.max
        yield _Variant(moved.astype(leaf.dtype) if fits else moved, detail)


def _scaled(leaf: Any, expected: Any) -> Iterator[_Variant]:
    if not _several(leaf) or leaf.dtype.kind not in "iuf":
        return
    values = leaf.astype(np.float64)
    up = values * 255.0
    if isinstance(expected, np.ndarray) and expected.dtype.kind in "iu":
        whole = np.rint(up)
        if np.all(np.abs(up - whole) < 1e-6):
            yield _Variant(whole.astype(expected.dtype), "values in [0, 1] returned")
        return
    yield _Variant(up, "values in [0, 1] returned")
    yield _Variant(values / 255.0, "values in [0, 255] returned")


def _wrapped(leaf: Any, expected: Any) -> Iterator[_Variant]:
    if not _several(leaf) or not isinstance(expected, np.ndarray):
        return
    if leaf.shape != expected.shape or leaf.dtype.kind not in "iuf":
        return
    if expected.dtype.kind not in "iuf":
        return
    values = leaf.astype(np.float64)
    truth = expected.astype(np.float64)
    if values.min() < 0 or values.max() > 255 or np.any(values != np.rint(values)):
        return
    if not np.any((truth < 0) | (truth > 255)):
        return  # nothing to wrap
    turns = np.rint((truth - values) / 256.0)
    unwrapped = values + 256.0 * turns
    kind = expected.dtype if expected.dtype.kind == "f" else np.int64
    yield _Variant(unwrapped.astype(kind))


def _band(shape: tuple[int, ...], axes: tuple[int, int], width: int) -> np.ndarray[Any, Any]:
    """True within ``width`` of the edges along the two spatial axes, broadcastable."""
    masks = []
    for axis in axes:
        size = shape[axis]
        index = np.arange(size)
        near = np.minimum(index, size - 1 - index) < width
        view = [1] * len(shape)
        view[axis] = size
        masks.append(near.reshape(view))
    return np.asarray(masks[0] | masks[1])


def _border(leaf: Any, expected: Any) -> Iterator[_Variant]:
    axes = _spatial_axes(leaf)
    if axes is None or not isinstance(expected, np.ndarray) or expected.shape != leaf.shape:
        return
    if leaf.dtype.kind not in "biuf":
        return
    widest = min(leaf.shape[axes[0]], leaf.shape[axes[1]]) // 8
    for width in BORDER_WIDTHS:
        if width > widest:
            break
        band = _band(leaf.shape, axes, width)
        interior = expected[~np.broadcast_to(band, leaf.shape)]
        if interior.size == 0 or np.all(interior == interior.flat[0]):
            return  # a flat interior is right by accident (all zeros): no evidence for it
        pixels = "pixel" if width == 1 else "pixels"
        yield _Variant(np.where(band, expected, leaf), f"within {width} {pixels} of the edge")


def _shifted(leaf: Any, expected: Any) -> Iterator[_Variant]:
    axes = _spatial_axes(leaf)
    if axes is None or not isinstance(expected, np.ndarray) or expected.shape != leaf.shape:
        return
    for dy, dx in ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (1, -1), (-1, 1), (-1, -1)):
        rolled = np.roll(leaf, (-dy, -dx), axis=axes)
        # The line that rolled in from the other side is unknown: copy the expected one.
        edge = np.zeros(leaf.shape, dtype=bool)
        for step, axis in ((dy, axes[0]), (dx, axes[1])):
            if step:
                index = [slice(None)] * leaf.ndim
                index[axis] = slice(-1, None) if step > 0 else slice(0, 1)
                edge[tuple(index)] = True
        along = {(0, 1): "x", (1, 0): "y"}.get((abs(dy), abs(dx)), "x and y")
        yield _Variant(
            np.where(edge, expected, rolled),
            f"along {along}",
            guards=(
                np.where(edge, expected, leaf),
                np.where(edge, expected, np.roll(expected, (-dy, -dx), axis=axes)),
            ),
        )


def _rounding(
    checker: Checker, actual: Any, expected: Any, case: Case, passes: Callable[[Any], bool]
) -> Diagnosis | None:
    hook = getattr(inspect.getmodule(checker), "unrounded", None)
    if hook is None:
        return None
    try:
        unrounded = hook(case, expected)
    except Exception:
        return None
    pairs = (
        [((), unrounded)]
        if not isinstance(unrounded, tuple)
        else [((i,), u) for i, u in enumerate(unrounded)]
    )
    for path, values in pairs:
        if values is None:
            continue
        leaf, truth = _get_or_none(actual, path), _get_or_none(expected, path)
        if not isinstance(leaf, np.ndarray) or not isinstance(truth, np.ndarray):
            continue
        values = np.asarray(values, dtype=np.float64)
        if leaf.shape != values.shape or leaf.dtype.kind not in "iuf":
            continue
        if np.any(np.abs(np.rint(values) - truth.astype(np.float64)) > 1):
            continue  # the hook does not describe this output
        rest = _put(actual, path, truth)
        if path and not passes(rest):
            continue  # other parts of the output are wrong too
        for name, rule in _ROUNDING_RULES:
            if _rounds_like(leaf.astype(np.float64), values, rule, truth.dtype):
                return Diagnosis("rounding", name)
    return None


def _rounds_like(
    leaf: np.ndarray[Any, Any],
    values: np.ndarray[Any, Any],
    rule: Callable[[Any], Any],
    dtype: np.dtype[Any],
) -> bool:
    slack = ROUNDING_SLACK * np.maximum(1.0, np.abs(values))
    low, high = rule(values - slack), rule(values + slack)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        low, high = np.clip(low, info.min, info.max), np.clip(high, info.min, info.max)
    return bool(np.all((leaf >= low) & (leaf <= high)))


_ROUNDING_RULES: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("rounded down (floor)", np.floor),
    ("rounded up (ceil)", np.ceil),
    ("truncated toward zero", np.trunc),
    ("halves rounded away from zero", lambda x: np.sign(x) * np.floor(np.abs(x) + 0.5)),
    ("halves rounded up", lambda x: np.floor(x + 0.5)),
)


# In order: the first that explains the output names it. Rounding has no leaf transformation
# of its own: _rounding compares the output with the unrounded values.
_LEAF_HYPOTHESES: tuple[tuple[str, Hypothesis | None], ...] = (
    ("dtype", _dtype),
    ("transposed", _transposed),
    ("channels_reversed", _channels_reversed),
    ("order_differs", _order),
    ("xywh_xyxy", _boxes),
    ("sign_flipped", _sign),
    ("off_by_one", _plus_minus_one),
    ("scaled_255", _scaled),
    ("uint8_wraparound", _wrapped),
    ("rounding", None),
    ("border_only", _border),
    ("shifted", _shifted),
)
