"""What a problem package's cases.py builds its cases from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Case:
    """One test case.

    ``args`` are passed to the entry function positionally, in order; their keys name them on
    the page. ``extra`` is trusted data for the checker only (for example noise-free points);
    the solution never sees it.
    """

    name: str
    args: dict[str, Any]
    sample: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def rng(seed: int) -> np.random.Generator:
    """The generator every cases.py uses, so hidden cases are the same on every machine."""
    return np.random.Generator(np.random.PCG64(seed))
