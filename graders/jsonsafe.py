"""Results as strict JSON: PostgreSQL's jsonb (and any strict parser) refuses NaN and Infinity.

An exact match has an infinite PSNR; a simulation with no frames has no percentile. Stored and
published results carry ``None`` there instead, and the number's meaning is said beside it
where it matters (``identical: true``).
"""

from __future__ import annotations

import math
from typing import Any


def json_safe(value: Any) -> Any:
    """``value`` with every non-finite float replaced by None, containers copied."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    return value
