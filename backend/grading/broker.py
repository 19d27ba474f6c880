"""What the broker still holds: the sweep re-sends only what it lost.

Rows merely waiting behind a long queue look exactly like rows whose message Redis lost; re-sent
every stale period, they multiplied deliveries (2,267 for 978 rows in a reliability run). On
Redis the queue is a few lists the sweep can read; on any other broker nothing is known and the
sweep re-sends as before.
"""

from __future__ import annotations

import ast
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import kombu.exceptions
import redis
from django.conf import settings

from backend.lib.live import redis_client

log = logging.getLogger(__name__)

# What sending raises while the broker is unreachable: kombu wraps most connection errors in
# its OperationalError, redis-py's and the socket's own sometimes come through unwrapped.
UNREACHABLE: tuple[type[BaseException], ...] = (
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    OSError,
)


# Until this time.monotonic() sends are not tried: the broker refused one a moment ago.
_unreachable_until = 0.0


def send_or_log(send: Callable[[], object], what: str) -> bool:
    """Send a message; when the broker cannot take it, log and say so instead of raising.

    Used after a commit, where the row is the truth and a periodic task finds what was not
    sent (the sweep, the interview clock): the request that committed it must still answer.
    A refused send costs its caller Celery's publish retries (about 0.6 s on a closed port),
    on the one thread a web process runs its views on; so after one, sends are skipped for
    CVPREP_BROKER_DOWN_SECONDS, as if refused, instead of every request of an outage paying it.
    """
    global _unreachable_until
    if time.monotonic() < _unreachable_until:
        log.warning("broker unreachable a moment ago, %s not sent (the sweep will)", what)
        return False
    try:
        send()
    except UNREACHABLE as error:
        _unreachable_until = time.monotonic() + settings.CVPREP_BROKER_DOWN_SECONDS
        log.warning("broker unreachable, %s not sent (the sweep will): %s", what, error)
        return False
    return True


def forget_refusals() -> None:
    """Try the next send whatever happened before (tests)."""
    global _unreachable_until
    _unreachable_until = 0.0


def queue_keys(queue: str) -> list[str]:
    options: dict[str, Any] = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    separator = options.get("sep", "\x06\x16")
    # kombu names priority 0's list after the queue and the others "<queue><sep><step>"
    return [
        queue if step == 0 else f"{queue}{separator}{step}" for step in options["priority_steps"]
    ]


def waiting_ids(task_name: str, queue: str = "celery") -> set[int] | None:
    """The first argument of every ``task_name`` message waiting in ``queue``, or None when
    the broker cannot say (not Redis, or unreachable)."""
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://", "redis+socket://")):
        return None
    held: set[int] = set()
    try:
        client = redis_client()
        for key in queue_keys(queue):
            for raw in client.lrange(key, 0, -1):
                headers = json.loads(raw).get("headers") or {}
                if headers.get("task") != task_name:
                    continue
                args = ast.literal_eval(headers.get("argsrepr") or "()")
                if isinstance(args, tuple) and args and isinstance(args[0], int):
                    held.add(args[0])
    except (redis.RedisError, OSError, ValueError, SyntaxError) as error:
        log.warning("cannot read the broker's queue: %s", error)
        return None
    return held
