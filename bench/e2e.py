"""End to end: POST through the API -> Redis -> a real Celery worker -> verdict stored.

    .venv/bin/python -m bench.e2e [--burst 200] [--concurrency 2]

Uses DATABASE_URL / REDIS_URL when set (PostgreSQL and the machine's Redis), else a SQLite file
under var/bench/ and the embedded Redis. Latency is measured from just before the POST to the
row's finished_at, as the database records it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = REPO / "bench" / "packages"
CODE = "def trivial(a, b):\n    return a + b\n"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def start_redis(workdir: Path) -> tuple[str, subprocess.Popen[bytes] | None]:
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"], None
    from backend.embedded_redis import command

    socket_path = workdir / "redis.sock"
    process = subprocess.Popen(command(socket_path), stdout=subprocess.DEVNULL)
    for _ in range(100):
        if socket_path.exists():
            break
        time.sleep(0.05)
    return f"redis+socket://{socket_path}", process


def run_e2e(burst: int = 200, concurrency: int = 2) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="cvprep-bench-"))
    redis_url, redis_process = start_redis(workdir)
    os.environ.update(
        REDIS_URL=redis_url,
        CVPREP_PROBLEMS_DIR=str(PACKAGES),
        CVPREP_VAR_DIR=str(workdir),
        DJANGO_SETTINGS_MODULE="backend.config.settings",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-secret-key"),
    )
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command
    from rest_framework.test import APIClient

    from backend.config.celery import app as celery_app
    from backend.submissions.models import Submission

    call_command("migrate", verbosity=0)
    call_command("sync_problems", "--path", str(PACKAGES), verbosity=0)
    celery_app.control.purge()
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="bench")
    client = APIClient()
    client.force_authenticate(user)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "backend.config",
            "worker",
            "-c",
            str(concurrency),
            "-P",
            "prefork",
            "-l",
            "warning",
        ],
        cwd=REPO,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:

        def post() -> tuple[int, float]:
            started = time.time()
            response = client.post(
                "/api/submissions/",
                {"problem": "trivial", "code": CODE, "mode": "submit"},
                format="json",
            )
            assert response.status_code == 201, response.content
            return int(response.json()["id"]), started

        def wait_all(ids: list[int], timeout: float) -> None:
            deadline = time.time() + timeout
            while time.time() < deadline:
                if not Submission.objects.filter(id__in=ids).exclude(status="done").exists():
                    return
                time.sleep(0.05)
            raise RuntimeError("submissions did not finish in time")

        def latencies(posted: list[tuple[int, float]]) -> list[float]:
            finished = dict(
                Submission.objects.filter(id__in=[i for i, _ in posted]).values_list(
                    "id", "finished_at"
                )
            )
            return [(finished[i].timestamp() - started) * 1000 for i, started in posted]

        # Warm up: the first submission in each pool process starts its sandbox.
        warm = [post() for _ in range(concurrency * 3)]
        wait_all([i for i, _ in warm], 120)

        single = []
        for _ in range(30):
            posted = [post()]
            wait_all([posted[0][0]], 30)
            single += latencies(posted)

        burst_started = time.time()
        posted = [post() for _ in range(burst)]
        wait_all([i for i, _ in posted], 600)
        elapsed = time.time() - burst_started
        under_burst = latencies(posted)
        verdicts = set(
            Submission.objects.filter(id__in=[i for i, _ in posted]).values_list(
                "verdict", flat=True
            )
        )
        database = "PostgreSQL" if "postgres" in os.environ["DATABASE_URL"] else "SQLite"
        print(
            f"\nend to end through the API, Celery ({concurrency} worker processes), Redis "
            f"and {database}: POST to stored verdict, ms"
        )
        print(f"{'load':<28}{'p50':>8}{'p99':>9}")
        print(
            f"{'one at a time (30)':<28}{statistics.median(single):>8.1f}"
            f"{percentile(single, 0.99):>9.1f}"
        )
        print(
            f"{f'burst of {burst}':<28}{statistics.median(under_burst):>8.1f}"
            f"{percentile(under_burst, 0.99):>9.1f}"
        )
        print(
            f"burst throughput: {burst / elapsed:.1f} submissions/s; verdicts: {sorted(verdicts)}"
        )
    finally:
        worker.terminate()
        worker.wait(30)
        if redis_process is not None:
            redis_process.terminate()
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    run_e2e(burst=args.burst, concurrency=args.concurrency)


if __name__ == "__main__":
    main()
