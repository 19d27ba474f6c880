"""Time and memory of hidden cases, reported coarsely.

Exact figures of a hidden case are a side channel: a submission can spend memory (or CPU) in
proportion to a value of the hidden input and read the value back from the report (one did, 5 of
5 cases exactly). Against the limit, in quarters, a figure still tells a candidate how close to
the limit they are, and carries at most two bits per case.
"""

from __future__ import annotations

import math

QUARTERS = (0.25, 0.5, 0.75, 1.0)


def coarse(value: float, limit: float) -> float:
    """The upper bound of the quarter of ``limit`` that ``value`` falls in (``limit`` when over)."""
    if limit <= 0 or not math.isfinite(value):
        return limit
    for fraction in QUARTERS:
        if value <= fraction * limit:
            return fraction * limit
    return limit
