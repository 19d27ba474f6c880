"""Counting refusals: every 429 (throttled, over a cap) and 503 (queue past its bound, a
service down) the site answers, by route, so an operator sees backpressure as it happens."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from prometheus_client import Counter

REFUSALS = (429, 503)

refusals = Counter(
    "cvprep_http_refusals",
    "Answers 429 (too many requests) and 503 (unavailable), by status and route.",
    ["status", "route"],
)


def route_of(request: HttpRequest) -> str:
    # The URL pattern's name, not the path: ids in paths would make a series per object.
    match = getattr(request, "resolver_match", None)
    return (match.view_name if match is not None else "") or "<unresolved>"


class RefusalCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in REFUSALS:
            refusals.labels(str(response.status_code), route_of(request)).inc()
        return response
