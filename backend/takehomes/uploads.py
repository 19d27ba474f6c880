"""A hand-in as a multipart form posts it, read into ``services.hand_in``'s arguments.

The page and the API post the same form, so both call ``hand_in_from_form``; a refusal is an
``ApplicationError`` (``Forbidden`` for anyone but the candidate), as from the service."""

from __future__ import annotations

from typing import Any

from backend.lib.errors import ApplicationError, Forbidden, TooLarge
from backend.takehomes import access, model_handins, services
from backend.takehomes.models import Assignment, HandIn, ModelHandIn


def hand_in_from_form(
    *, assignment: Assignment, user: Any, data: Any, files: Any, content_length: int
) -> HandIn:
    """``data`` is the form's fields (``request.POST`` or DRF's ``request.data``), ``files``
    its uploads; ``content_length`` the request's declared size."""
    _admit(assignment, user, content_length)
    return services.hand_in(
        assignment=assignment,
        user=user,
        predictions=files.get("predictions"),
        code=files.get("code"),
        writeup=_writeup(data, files),
        reported_latency_ms=_reported_latency(data),
    )


def model_hand_in_from_form(
    *, assignment: Assignment, user: Any, data: Any, files: Any, content_length: int
) -> ModelHandIn:
    """A model hand-in as the page and the API post it: model (.onnx), code, writeup and an
    optional reported_latency_ms (informational: the platform measures its own)."""
    _admit(assignment, user, content_length)
    return model_handins.hand_in_model(
        assignment=assignment,
        user=user,
        model=files.get("model"),
        code=files.get("code"),
        writeup=_writeup(data, files),
        reported_latency_ms=_reported_latency(data),
    )


def declared_length(request: Any) -> int:
    """The request's declared size (a page's HttpRequest or DRF's Request alike)."""
    return int(request.META.get("CONTENT_LENGTH") or 0)


def _admit(assignment: Assignment, user: Any, content_length: int) -> None:
    # Who first, then size: a stranger learns nothing from the limits.
    if not access.is_candidate(user, assignment):
        raise Forbidden("only the candidate hands in")
    limit = services.limit("CVPREP_TAKEHOME_MAX_REQUEST_BYTES")
    if content_length > limit:
        raise TooLarge(f"the hand-in is {content_length} bytes; the limit is {limit}")


def _writeup(data: Any, files: Any) -> str | bytes:
    """The uploaded write-up within its limit, else the text typed."""
    if "writeup" in files:
        upload = files["writeup"]
        max_bytes = services.limit("CVPREP_TAKEHOME_MAX_WRITEUP_BYTES")
        if upload.size > max_bytes:
            raise ApplicationError(f"over the {max_bytes} byte limit", field="writeup")
        return bytes(upload.read())
    # The page offers a text box and a file input under the one name; an empty file input
    # still posts "" as a field, so the text typed is the first non-blank value.
    texts = data.getlist("writeup") if hasattr(data, "getlist") else [data.get("writeup", "")]
    return next((text for text in texts if isinstance(text, str) and text.strip()), "")


def _reported_latency(data: Any) -> float | None:
    text = str(data.get("reported_latency_ms") or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ApplicationError("must be a number", field="reported_latency_ms") from None
