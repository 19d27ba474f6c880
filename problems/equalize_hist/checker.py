"""Each grey level must map to the nearest integer of its exact value; either neighbour is
accepted only within HALF_BAND of a half, where OpenCV's float32 product (an error of at most
~3e-5 at 255) and a float64 one, or two conventions for rounding halves, can round apart. A
blanket "within 1 per pixel" would accept a table that floors or ceils."""

import numpy as np

from graders.checkers import CheckOutcome
from graders.values import conform

HALF_BAND = 1e-4


def unrounded(case, expected):
    """The exact value every pixel is rounded from (for graders.diagnosis)."""
    image = np.asarray(case.args["image"])
    return exact_table(image)[image]


def exact_table(image):
    """255 * (cumulative count above v_min) / (total - hist[v_min]) per grey level, in float64
    (exact to ~1e-14 here); a constant image maps to itself."""
    hist = np.bincount(image.ravel(), minlength=256)
    v_min = int(np.flatnonzero(hist)[0])
    remaining = image.size - hist[v_min]
    if remaining == 0:
        return np.arange(256, dtype=np.float64)
    table = np.cumsum(hist).astype(np.float64) - hist[v_min]
    table = table * 255.0 / remaining
    table[:v_min] = 0.0
    return table


def check(actual, expected, case, params):
    actual = conform(actual, expected)
    image = np.asarray(case.args["image"])
    table = exact_table(image)
    nearest = np.rint(table)
    near_half = np.abs(table - np.floor(table) - 0.5) <= HALF_BAND
    low = np.where(near_half, np.floor(table), nearest)
    high = np.where(near_half, np.ceil(table), nearest)
    values = actual.astype(np.int16) if actual.dtype.itemsize <= 1 else actual.astype(np.float64)
    bad = (values < low[image]) | (values > high[image])
    if not bad.any():
        return CheckOutcome(True)
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    grey = int(image[index])
    allowed = f"{int(low[grey])} or {int(high[grey])}" if near_half[grey] else f"{int(low[grey])}"
    return CheckOutcome(
        False,
        f"output[{index[0]}, {index[1]}] is {actual[index]!r} for grey level {grey}, expected"
        f" {allowed} (the nearest integer to {table[grey]:.4f}); {int(bad.sum())} of {bad.size}"
        " pixels differ",
    )
