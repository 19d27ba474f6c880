"""``/healthz`` (the process answers) and ``/readyz`` (it can do its work).

A load balancer or an orchestrator restarts a process whose liveness fails and stops sending
traffic to one whose readiness fails, so the two must differ: a broker outage makes a host
unready (its hand-ins would only wait), never dead (restarting it would not bring Redis back).
Both answer JSON and are open to anonymous probes; neither says more than which check failed
and its error.
"""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from backend.ops.checks import CHECKS


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "alive"})


def _run(check: Any) -> dict[str, Any]:
    started = time.monotonic()
    try:
        check()
    except Exception as error:  # any failure is an answer here, not a 500
        result: dict[str, Any] = {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    else:
        result = {"ok": True}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {name: _run(check) for name, check in CHECKS.items()}
    failing = [name for name, result in checks.items() if not result["ok"]]
    if failing:
        body = {"status": "unavailable", "failing": failing, "checks": checks}
        return JsonResponse(body, status=503)
    return JsonResponse({"status": "ready", "checks": checks})
