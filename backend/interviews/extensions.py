"""What apps built on interviews add to its report, registered from their AppConfig.ready()
(playback adds each coding problem's editing replay) so that interviews never imports them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.interviews.models import Interview

# interview -> {problem slug: what the problem's row shows under the extra's key}
RowExtra = Callable[[Interview], dict[str, Any]]
_row_extras: dict[str, RowExtra] = {}


def register_row_extra(key: str, source: RowExtra) -> None:
    _row_extras[key] = source


def add_row_extras(interview: Interview, rows: list[dict[str, Any]]) -> None:
    for key, source in _row_extras.items():
        by_slug = source(interview)
        for row in rows:
            row[key] = by_slug.get(row["problem"].slug)
