"""A fresh key for every rendered form, so that a re-sent form creates its work only once."""

from __future__ import annotations

import uuid

from django.http import HttpRequest


class FreshKey:
    """Renders as a new key each time, so that two forms on one page never share one."""

    def __str__(self) -> str:
        return uuid.uuid4().hex


def idempotency_key(request: HttpRequest) -> dict[str, object]:
    return {"idempotency_key": FreshKey()}
