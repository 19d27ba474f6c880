"""Backpressure for graded work: refuse early with a reason and a time to come back, instead
of accepting what the workers cannot reach for minutes (or the web tier falling over).

Three bounds, every one a setting (backend/config/settings.py):

- a per-user rate of work-creating POSTs, API and pages alike (``WorkRateThrottle``, a DRF
  throttle): 429 + Retry-After;
- a cap on one user's unfinished work of a kind (queued or running): 429 + Retry-After, so
  that one user cannot fill the queue for everyone;
- a bound on the kind's whole queue: 503 + Retry-After, the service is saturated.

The interview clock's own hand-ins are never refused (they are the round's record).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from typing import Any

import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.base import InvalidCacheBackendError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers
from rest_framework.throttling import UserRateThrottle

from backend.grading.kinds import Kind
from backend.grading.models import JobStatus
from backend.lib.errors import ApplicationError

log = logging.getLogger(__name__)

PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)


class WorkRefused(ApplicationError):
    """Work not accepted now, but acceptable later: a 429 or 503 with ``Retry-After``."""

    def __init__(self, message: str, *, status: int, code: str, retry_after: int) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.retry_after = max(1, int(retry_after))

    def body(self) -> dict[str, Any]:
        return {"detail": self.message, "code": self.code, "retry_after": self.retry_after}

    def mark(self, response: HttpResponse) -> HttpResponse:
        response.status_code = self.status
        response["Retry-After"] = str(self.retry_after)
        return response


# The body of a refusal (and of the shedding 503, backend/config/shedding.py).
REFUSAL = inline_serializer(
    "WorkRefusal",
    {
        "detail": serializers.CharField(),
        "code": serializers.ChoiceField(
            ["throttled", "too_much_pending_work", "queue_full", "overloaded"]
        ),
        "retry_after": serializers.IntegerField(help_text="seconds, as in Retry-After"),
    },
)
# The work-creating endpoints' refusals, for their schema (extend_schema(responses=...)).
WORK_REFUSALS = {
    429: OpenApiResponse(
        REFUSAL, description="too many hand-ins in a short time, or too much unfinished "
        "work; nothing was stored; Retry-After says when to send it again"
    ),
    503: OpenApiResponse(
        REFUSAL, description="the queue of this kind (or the server) is saturated; nothing "
        "was stored; Retry-After says when to send it again"
    ),
}


def admit(kind: Kind, user: Any) -> None:
    """Refuse new work of ``kind`` from ``user`` when it or the queue is past its bound."""
    queued = kind.model.objects.filter(status=JobStatus.QUEUED).count()
    if queued >= settings.CVPREP_MAX_QUEUED:
        raise WorkRefused(
            f"the graders are saturated: {queued} {kind.name} jobs are waiting; "
            "nothing was stored, send it again later",
            status=HTTPStatus.SERVICE_UNAVAILABLE,
            code="queue_full",
            retry_after=settings.CVPREP_QUEUE_FULL_RETRY_AFTER_SECONDS,
        )
    _refuse_past_the_cap(kind, user)


@contextmanager
def pending_slot(kind: Kind, user: Any, *, enforced: bool = True) -> Iterator[None]:
    """Write the new row of work inside this block: it commits only if ``user`` is under the
    pending cap counted in the same transaction with the user's row locked, so simultaneous
    requests cannot all take the last slot (``admit`` counts before the checks, unlocked, to
    refuse early). The clock's own hand-ins pass ``enforced=False``: never refused."""
    with transaction.atomic():
        if enforced:
            # PostgreSQL: the row lock queues one user's writers here; SQLite's IMMEDIATE
            # transactions already hold the database's write lock.
            locked = get_user_model().objects.select_for_update().filter(pk=user.pk)
            list(locked.values_list("pk", flat=True))
            _refuse_past_the_cap(kind, user)
        yield


def _refuse_past_the_cap(kind: Kind, user: Any) -> None:
    cap = settings.CVPREP_MAX_PENDING_PER_USER
    mine = kind.model.objects.filter(**{kind.owner_field: user}, status__in=PENDING).count()
    if mine >= cap:
        raise WorkRefused(
            f"you have {mine} {kind.name} jobs waiting to be graded (at most {cap}); "
            "send more once some have finished",
            status=HTTPStatus.TOO_MANY_REQUESTS,
            code="too_much_pending_work",
            retry_after=settings.CVPREP_PENDING_RETRY_AFTER_SECONDS,
        )


class WorkRateThrottle(UserRateThrottle):
    """Work-creating POSTs per user (``CVPREP_WORK_RATE``), counted in a cache every web
    process shares (Redis). Without that cache the rate is not enforced rather than every
    hand-in failing: the caps above still hold, since they count rows."""

    scope = "work"

    def __init__(self) -> None:
        self.cache = shared_cache()
        super().__init__()

    def get_rate(self) -> str | None:
        rate: str | None = settings.CVPREP_WORK_RATE or None
        return rate

    def allow_request(self, request: Any, view: Any) -> bool:
        try:
            return bool(super().allow_request(request, view))
        except (redis.RedisError, OSError) as error:
            log.warning("work throttle not applied, its cache failed: %s", error)
            return True


def shared_cache() -> Any:
    """The cache every web process shares (Redis; in memory in the tests and without Redis):
    for counts and locks that must hold across processes, not only within one."""
    try:
        return caches["throttle"]
    except InvalidCacheBackendError:
        return caches["default"]


def throttle_page(request: HttpRequest) -> WorkRefused | None:
    """The API's work throttle, for a page's POST (the same count per user)."""
    throttle = WorkRateThrottle()
    if throttle.allow_request(request, None):
        return None
    return throttled(throttle.wait())


def throttled(wait: float | None) -> WorkRefused:
    seconds = int(wait or 1) + 1
    return WorkRefused(
        f"too many hand-ins in a short time (at most {settings.CVPREP_WORK_RATE}); "
        f"try again in {seconds} s",
        status=HTTPStatus.TOO_MANY_REQUESTS,
        code="throttled",
        retry_after=seconds,
    )
