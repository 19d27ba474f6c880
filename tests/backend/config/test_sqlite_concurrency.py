"""The default SQLite database holds up when the web server and a worker write at once.

Defect 1 of the first-session report: a design hand-in answered HTTP 500 "database is locked"
on a prompt with no draft yet, while the worker wrote. Each writer here is its own process on
one SQLite file, as under `./cvprep run`; this runs on every database setting, CI included,
because SQLite is the default a new user gets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SCRIPT = REPO / "tests" / "backend" / "sqlite_writer.py"
HAND_INS = 30


def _environment(tmp_path: Path) -> dict[str, str]:
    root = tmp_path / "problems"
    root.mkdir()
    for name in ("components", "design_multicam_detection"):
        shutil.copytree(REPO / "problems" / name, root / name)
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update({
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "CVPREP_PROBLEMS_DIR": str(root),
        "REDIS_URL": "memory://",  # enqueueing is not what is under test
        # nor is backpressure: one user's 30 hand-ins, never graded, all stay queued
        "CVPREP_WORK_RATE": "",
        "CVPREP_MAX_PENDING_PER_USER": "1000",
        "DEBUG": "1",
        "PYTHONPATH": str(REPO),
    })
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(SCRIPT), *args], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _answer(process: subprocess.Popen[str]) -> dict[str, object]:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.timeout(400)
def test_hand_ins_while_a_worker_writes_are_never_refused(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    _answer(_run(env, "setup"))
    workers = [_run(env, "worker", "600") for _ in range(2)]
    try:
        web = _answer(_run(env, "web", str(HAND_INS)))
    finally:
        for process in workers:
            process.kill()
            process.communicate()
    # Every hand-in redirects to its report, none answers 500, and each is kept once.
    assert web["statuses"] == {"302": HAND_INS}, web
    assert web["kept"] == HAND_INS
