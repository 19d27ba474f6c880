"""Pagination with bounds: a client's limit and offset can never reach the database as
numbers it cannot store (SQLite and PostgreSQL integers are 64-bit), and a limit or offset
that is not a whole number is a 400 naming it, not silently the first page (a client paging
with ``offset=abc`` would read page one for ever)."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

MAX_OFFSET = 10**9
MAX_LIMIT = 200


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = MAX_LIMIT

    def get_limit(self, request: Request) -> int:
        limit = _whole_number(request, self.limit_query_param, minimum=1)
        return self.default_limit if limit is None else min(limit, MAX_LIMIT)

    def get_offset(self, request: Request) -> int:
        offset = _whole_number(request, self.offset_query_param, minimum=0)
        return 0 if offset is None else min(offset, MAX_OFFSET)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return pagination_parameters()


def pagination_parameters() -> list[dict[str, Any]]:
    """limit and offset as the schema states them (views that paginate by hand use these)."""
    return [
        {
            "name": "limit", "in": "query", "required": False,
            "description": f"page size (default 50; more than {MAX_LIMIT} is read as {MAX_LIMIT})",
            "schema": {"type": "integer", "minimum": 1},
        },
        {
            "name": "offset", "in": "query", "required": False,
            "description": "the index of the first result (default 0)",
            "schema": {"type": "integer", "minimum": 0},
        },
    ]  # fmt: skip


def _whole_number(request: Request, name: str, *, minimum: int) -> int | None:
    values = request.query_params.getlist(name)
    if not values:
        return None
    text = values[0].strip()
    if len(values) > 1 or not (text.isascii() and text.isdigit()) or int(text) < minimum:
        raise ValidationError({name: [f"give one whole number, at least {minimum}"]})
    return int(text)
