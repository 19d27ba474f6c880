"""One place that turns API errors into clear 4xx answers."""

from __future__ import annotations

from typing import Any

from django.db import DataError
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler

from backend.grading.admission import WorkRefused, throttled
from backend.lib.errors import ApplicationError, Forbidden, TooLarge


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RecursionError):  # JSON nested too deeply for the parser to decode
        return Response({"detail": "the request body is nested too deeply"}, status=400)
    if isinstance(exc, DataError):  # e.g. a NUL character, which PostgreSQL text cannot hold
        return Response({"detail": "a value in the request cannot be stored or looked up "
                                   "(NUL characters, out-of-range numbers)"}, status=400)
    if isinstance(exc, Throttled):  # the work rate: the same reason as the other refusals
        exc = throttled(getattr(exc, "wait", None))
    if isinstance(exc, WorkRefused):  # come back later: 429 or 503 with Retry-After
        headers = {"Retry-After": str(exc.retry_after)}
        return Response(exc.body(), status=exc.status, headers=headers)
    if isinstance(exc, TooLarge):  # as ApiErrorsMiddleware answers a body over Django's limit
        return Response({"detail": exc.message, "code": "request_too_large"}, status=413)
    if isinstance(exc, Forbidden):
        exc = PermissionDenied(exc.message)
    elif isinstance(exc, ApplicationError):  # a service's refusal: a 400 with its reason
        exc = ValidationError(exc.errors)
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # ValidationError("...") or a filter's: a list of messages, as a body like the others.
        response.data = {"non_field_errors": response.data}
    if response is not None and isinstance(response.data, dict) and "detail" not in response.data:
        # Field errors keep their shape, with a one-line summary for clients that show one.
        response.data = {"detail": _first_message(response.data), "errors": response.data}
    return response


def _first_message(errors: Any, prefix: str = "") -> str:
    """``field: message`` for the first error, descending into nested field errors."""
    if isinstance(errors, dict) and errors:
        field, value = next(iter(errors.items()))
        return _first_message(value, f"{prefix} {field}".strip() if prefix else str(field))
    if isinstance(errors, list) and errors:
        return _first_message(errors[0], prefix)
    return f"{prefix}: {errors}" if prefix else str(errors)
