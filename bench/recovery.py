"""Recovery after a killed worker under a backlog: how long the killed rows wait to be regraded.

    .venv/bin/python -m bench.recovery [--backlog 300] [--problem nms]

Starts an embedded Redis (or uses REDIS_URL) and a SQLite database in a scratch folder (or
DATABASE_URL), queues ``--backlog`` submissions of the problem's accepted solution, starts a
grading worker and the maintenance worker (beat + sweeps) as ``./cvprep run`` does, kills the
grading worker and its pool with SIGKILL while it grades, starts a new one, and prints how long
the rows that were being graded took to be done again, the drain time of the whole backlog,
and whether every submission ended done exactly once with the expected verdict.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent


def celery(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "celery", "-A", "backend.config", "worker", *args]
    handle = log.open("w")
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=handle, stderr=subprocess.STDOUT)


def kill_tree(process: subprocess.Popen[bytes]) -> None:
    tree = psutil.Process(process.pid)
    for member in [*tree.children(recursive=True), tree]:
        try:
            member.send_signal(signal.SIGKILL)
        except psutil.NoSuchProcess:
            pass
    process.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backlog", type=int, default=300)
    parser.add_argument("--problem", default="nms")
    options = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="cvprep-recovery-"))
    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "bench-recovery")
    env.setdefault("DATABASE_URL", f"sqlite:///{scratch / 'db.sqlite3'}")
    env["DJANGO_SETTINGS_MODULE"] = "backend.config.settings"
    env["CVPREP_VAR_DIR"] = str(scratch / "var")
    helpers: list[subprocess.Popen[bytes]] = []
    if "REDIS_URL" not in env:
        socket_path = scratch / "redis.sock"
        helpers.append(
            subprocess.Popen(
                [sys.executable, "-m", "backend.embedded_redis", str(socket_path)],
                cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        )
        for _ in range(100):
            if socket_path.exists():
                break
            time.sleep(0.1)
        env["REDIS_URL"] = f"redis+socket://{socket_path}"
    os.environ.update(env)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=REPO, env=env, check=True)
    subprocess.run([*manage, "sync_problems"], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from backend.catalog.models import Problem
    from backend.config.celery import app
    from backend.submissions import services
    from backend.submissions.models import Submission

    app.control.purge()
    problem = Problem.objects.get(slug=options.problem)
    accepted = sorted((REPO / "problems" / options.problem / "solutions" / "accepted").glob("*.py"))
    code = accepted[0].read_text()
    user, _ = get_user_model().objects.get_or_create(username="bench-recovery")
    with transaction.atomic():
        ids = [
            services.create_submission(user=user, problem=problem, code=code, mode="submit").id
            for _ in range(options.backlog)
        ]
    maintenance = celery(env, "-Q", "maintenance", "-P", "solo", "--beat", "-n", "m@%h",
                         "-s", str(scratch / "beat"), "-l", "warning", log=scratch / "m.log")
    helpers.append(maintenance)
    started = time.monotonic()
    grading = celery(env, "-Q", "celery", "-c", "2", "-n", "g1@%h", "-l", "warning",
                     log=scratch / "g1.log")
    running: list[int] = []
    while not running and time.monotonic() - started < 120:
        time.sleep(0.05)
        done = Submission.objects.filter(id__in=ids, status="done").count()
        if done >= options.backlog // 10:
            running = list(
                Submission.objects.filter(id__in=ids, status="running").values_list("id", flat=True)
            )
    killed_at = time.monotonic()
    kill_tree(grading)
    left = Submission.objects.filter(id__in=ids).exclude(status="done").count()
    replacement = celery(env, "-Q", "celery", "-c", "2", "-n", "g2@%h", "-l", "warning",
                         log=scratch / "g2.log")
    helpers.append(replacement)
    recovered: dict[int, float] = {}
    while time.monotonic() - killed_at < 900:
        rows = Submission.objects.filter(id__in=running, status="done").values_list(
            "id", "finished_at"
        )
        for submission_id, _ in rows:
            recovered.setdefault(submission_id, time.monotonic() - killed_at)
        if len(recovered) == len(running) and not Submission.objects.filter(
            id__in=ids
        ).exclude(status="done").exists():
            break
        time.sleep(0.2)
    drained = time.monotonic() - killed_at
    rows = list(Submission.objects.filter(id__in=ids).values_list("status", "verdict", "attempts"))
    for helper in helpers:
        kill_tree(helper) if helper.poll() is None else None

    print(f"backlog {options.backlog} x {options.problem}; killed the grading worker with "
          f"{len(running)} rows running and {left} not done")
    print("| figure | value |\n| --- | --- |")
    for submission_id in running:
        value = recovered.get(submission_id)
        shown = f"{value:.1f} s" if value is not None else "not recovered"
        print(f"| killed row {submission_id} done again after | {shown} |")
    print(f"| whole backlog done after the kill | {drained:.1f} s |")
    print(f"| rows done | {sum(s == 'done' for s, _, _ in rows)} of {len(rows)} |")
    print(f"| verdicts | {sorted({v for _, v, _ in rows if v})} |")
    print(f"| rows graded more than once (attempts > 1) | {sum(a > 1 for _, _, a in rows)} |")


if __name__ == "__main__":
    main()
