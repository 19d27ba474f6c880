"""One domain error: services raise it, one place turns it into a 400 (the API's exception
handler) and pages show the same message (``errors_of``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ApplicationError(Exception):
    """A request that cannot be honoured, and why.

    ``field`` names the input at fault (the answer is ``{field: [message]}``); without one the
    message is the answer's ``detail``. ``errors`` gives the whole mapping instead, for checks
    that find several faults at once (a pipeline spec, a rubric).
    """

    def __init__(
        self, message: str, *, field: str | None = None, errors: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self._errors = dict(errors) if errors is not None else None

    @property
    def errors(self) -> dict[str, Any]:
        if self._errors is not None:
            return self._errors
        if self.field is None:
            return {"detail": self.message}
        return {self.field: [self.message]}


class Forbidden(ApplicationError, PermissionError):
    """The user may not do this (an HTTP 403 with the message)."""


class TooLarge(ApplicationError):
    """The request is over a size limit (an HTTP 413 with the message)."""


def describe(errors: Any) -> str:
    """``field: message; ...``: a page's one line for an error mapping (the API's answer)."""
    if isinstance(errors, ApplicationError):
        errors = errors.errors
    if isinstance(errors, Mapping):
        parts: list[str] = []
        for field_name, messages in errors.items():
            items = messages if isinstance(messages, list) else [messages]
            parts.extend(f"{field_name}: {message}" for message in items)
        return "; ".join(parts)
    return "; ".join(str(item) for item in errors) if isinstance(errors, list) else str(errors)
