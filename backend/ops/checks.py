"""The readiness checks: can this host serve and grade? Each returns nothing or raises.

Every check is bounded in time, so a probe never hangs on a service that stopped answering
(a blackholed broker would otherwise wait for TCP's own timeout, minutes).
"""

from __future__ import annotations

from collections.abc import Callable

import redis
from django.conf import settings
from django.db import connection
from kombu.connection import Connection

from graders.sandbox.bwrap import probe as probe_sandbox
from graders.sandbox.policy import seccomp_bpf

TIMEOUT_SECONDS = 2.0


def database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def broker() -> None:
    url: str = settings.CELERY_BROKER_URL
    if url.startswith("redis+socket://"):
        client = redis.Redis(
            unix_socket_path=url.removeprefix("redis+socket://"),
            socket_timeout=TIMEOUT_SECONDS,
            socket_connect_timeout=TIMEOUT_SECONDS,
        )
    elif url.startswith(("redis://", "rediss://")):
        client = redis.Redis.from_url(
            url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
        )
    else:  # another broker: let kombu connect once
        with Connection(url, connect_timeout=TIMEOUT_SECONDS) as other:
            other.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
        return
    try:
        client.ping()
    finally:
        client.close()


def sandbox() -> None:
    seccomp_bpf()  # libseccomp present and the policy compiles
    probe_sandbox(timeout=TIMEOUT_SECONDS * 2)


CHECKS: dict[str, Callable[[], None]] = {
    "database": database,
    "broker": broker,
    "sandbox": sandbox,
}
