"""Answer a repeated POST with the first answer instead of doing the work twice.

A client that did not hear back (a timeout, a dropped connection, a double click) cannot tell
whether its submission was kept, so it sends it again. With an ``Idempotency-Key`` header (API
clients) or an ``idempotency_key`` form field (the site's own forms, one fresh key per rendered
form), the second request gets the first one's answer, marked ``Idempotent-Replayed: true``.
While the first is still being answered the second gets 409 with ``Retry-After``. Answers that
did no work (5xx, 409, 429, 503, a refused CSRF check) are not kept, so a retry may succeed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta
from http import HTTPStatus

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from backend.idempotency.models import IdempotentRequest

HEADER = "HTTP_IDEMPOTENCY_KEY"
FORM_FIELD = "idempotency_key"
MAX_KEY_LENGTH = 200
MAX_KEPT_BODY = 512 * 1024
# A first request still unanswered after this long died with its process; a retry may run.
ABANDONED_AFTER = timedelta(minutes=5)
NOT_KEPT = {HTTPStatus.FORBIDDEN, HTTPStatus.CONFLICT, HTTPStatus.TOO_MANY_REQUESTS,
            HTTPStatus.SERVICE_UNAVAILABLE}


def _refusal(status: HTTPStatus, detail: str, code: str, retry_after: int | None = None
             ) -> JsonResponse:
    response = JsonResponse({"detail": detail, "code": code}, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _identity(request: HttpRequest) -> str | None:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    if authorization:
        return "token:" + hashlib.sha256(authorization.encode()).hexdigest()
    return None


def _key(request: HttpRequest) -> str | None:
    key = request.META.get(HEADER)
    if key is None and not request.path.startswith("/api/") and request.content_type in (
        "application/x-www-form-urlencoded", "multipart/form-data"
    ):
        try:
            key = request.POST.get(FORM_FIELD)
        except Exception:  # a body the view itself will refuse (too big, malformed)
            return None
    return key.strip() if key else None


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256((request.content_type or "").encode())
    if request.content_type == "multipart/form-data":
        # The body may hold large files that Django streams to disk; their size stands in.
        digest.update(str(request.META.get("CONTENT_LENGTH", "")).encode())
    else:
        try:
            digest.update(request.body)
        except Exception:
            digest.update(str(request.META.get("CONTENT_LENGTH", "")).encode())
    return digest.hexdigest()


def _replay(kept: IdempotentRequest) -> HttpResponse:
    assert kept.status_code is not None
    response = HttpResponse(bytes(kept.body), status=kept.status_code,
                            content_type=kept.content_type or None)
    if kept.location:
        response["Location"] = kept.location
    response["Idempotent-Replayed"] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST":
            return self.get_response(request)
        key = _key(request)
        identity = _identity(request) if key else None
        if not key or identity is None:
            return self.get_response(request)
        if len(key) > MAX_KEY_LENGTH:
            return _refusal(HTTPStatus.BAD_REQUEST,
                            f"the Idempotency-Key is longer than {MAX_KEY_LENGTH} characters",
                            "idempotency_key_too_long")
        fingerprint = _fingerprint(request)
        claimed = self._claim(identity, key, request.path, fingerprint)
        if isinstance(claimed, HttpResponse):
            return claimed
        try:
            response = self.get_response(request)
        except BaseException:
            claimed.delete()
            raise
        self._keep(claimed, response)
        return response

    @staticmethod
    def _claim(identity: str, key: str, path: str, fingerprint: str
               ) -> IdempotentRequest | HttpResponse:
        for _ in range(2):
            try:
                with transaction.atomic():
                    return IdempotentRequest.objects.create(
                        identity=identity, key=key, path=path, fingerprint=fingerprint)
            except IntegrityError:
                pass
            kept = IdempotentRequest.objects.filter(identity=identity, key=key, path=path).first()
            if kept is None:  # answered with nothing to keep in between; claim it again
                continue
            if kept.fingerprint != fingerprint:
                return _refusal(HTTPStatus.UNPROCESSABLE_ENTITY,
                                "this Idempotency-Key was already used for a different request",
                                "idempotency_key_reused")
            if kept.status_code is not None:
                return _replay(kept)
            if timezone.now() - kept.created_at < ABANDONED_AFTER:
                return _refusal(HTTPStatus.CONFLICT,
                                "a request with this Idempotency-Key is still being answered",
                                "idempotency_key_in_flight", retry_after=1)
            kept.delete()
        return _refusal(HTTPStatus.CONFLICT,
                        "a request with this Idempotency-Key is still being answered",
                        "idempotency_key_in_flight", retry_after=1)

    @staticmethod
    def _keep(claimed: IdempotentRequest, response: HttpResponse) -> None:
        status = response.status_code
        streaming = getattr(response, "streaming", False)
        if (status >= 500 or status in NOT_KEPT or streaming
                or len(response.content) > MAX_KEPT_BODY):
            claimed.delete()
            return
        claimed.status_code = status
        claimed.content_type = response.get("Content-Type", "")
        claimed.location = response.get("Location", "")
        claimed.body = bytes(response.content)
        claimed.save(update_fields=["status_code", "content_type", "location", "body"])
