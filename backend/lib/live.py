"""Redis clients for live status (the broker URL, as redis-py spells it)."""

from __future__ import annotations

from functools import cache

import redis
import redis.asyncio
from django.conf import settings


@cache
def redis_client() -> redis.Redis:
    url = settings.REDIS_URL
    if url.startswith("redis+socket://"):
        return redis.Redis(unix_socket_path=url.removeprefix("redis+socket://"))
    return redis.Redis.from_url(url)


def async_redis_client() -> redis.asyncio.Redis:
    """A client for one live stream's pub/sub, on the running event loop (an asyncio client
    belongs to the loop it was made on, so it is not shared); close it with ``aclose()``."""
    url = settings.REDIS_URL
    if url.startswith("redis+socket://"):
        return redis.asyncio.Redis(unix_socket_path=url.removeprefix("redis+socket://"))
    return redis.asyncio.Redis.from_url(url)
