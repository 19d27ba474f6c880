"""Every error under /api/ is JSON with a reason, whatever raised it.

DRF answers its own errors in JSON, but some never reach it: a body over Django's upload limit
(``RequestDataTooBig``, raised when the body is read), a URL no pattern matches (the debug
page lists every URL), a plain Django view's ``Http404``. Clients of the API, the pages' own
scripts among them, then get HTML they cannot show.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"


def _too_big(size: int | None) -> JsonResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    told = f"{size} bytes" if size is not None else "too large"
    return JsonResponse(
        {
            "detail": f"the request body is {told}; the limit is {limit // 1024} KiB "
            f"(code is limited to {settings.CVPREP_MAX_CODE_BYTES // 1024} KiB)",
            "code": "request_too_large",
        },
        status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
    )


def _declared_size(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class ApiErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if any("\x00" in text for key, values in request.GET.lists() for text in (key, *values)):
            # PostgreSQL cannot look a NUL up (a DataError, 400) and SQLite can: one answer
            # for both, and the schema's (backend/config/openapi.py).
            return JsonResponse(
                {"detail": "a query parameter holds a NUL character", "code": "nul_in_query"},
                status=HTTPStatus.BAD_REQUEST,
            )
        size = _declared_size(request)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        multipart = request.content_type == "multipart/form-data"
        # Refused before anything parses it; multipart bodies may carry files, which Django
        # counts apart (their non-file fields still raise RequestDataTooBig, handled below).
        if not multipart and limit is not None and size is not None and size > limit:
            return _too_big(size)
        response = self.get_response(request)
        return self._as_json(request, response)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith(API_PREFIX) and isinstance(exception, RequestDataTooBig):
            return _too_big(_declared_size(request))
        return None

    @staticmethod
    def _as_json(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code < 400 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        status = HTTPStatus(response.status_code)
        if status == HTTPStatus.NOT_FOUND:
            detail = f"not found: {request.path} (the endpoints are listed at /api/docs/)"
        else:
            detail = status.phrase.lower()
        replacement = JsonResponse({"detail": detail}, status=response.status_code)
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                replacement[header] = response[header]
        return replacement
