"""One place that turns API errors into clear 4xx answers."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" not in response.data:
        # Field errors keep their shape, with a one-line summary for clients that show one.
        first_field, messages = next(iter(response.data.items()))
        message = messages[0] if isinstance(messages, list) and messages else messages
        response.data = {"detail": f"{first_field}: {message}", "errors": response.data}
    return response
