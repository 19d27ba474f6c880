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

Only the standard library: asyncio streams, HTTP/1.1 with ``Connection: close``.
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
from urllib.parse import urlsplit

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


async def request(base: str, method: str, path: str, body: bytes, headers: dict[str, str],
                  timeout: float) -> tuple[int | None, dict[str, str], bytes]:
    """One HTTP/1.1 exchange on its own connection; status None when nothing came back."""
    url = urlsplit(base)
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(url.hostname, url.port or 80)
            head = [f"{method} {path} HTTP/1.1", f"Host: {url.netloc}", "Connection: close",
                    f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in headers.items())]
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            await writer.drain()
            raw = await reader.read()
            writer.close()
    except (TimeoutError, OSError):
        return None, {}, b""
    if not raw:
        return None, {}, b""
    header_blob, _, content = raw.partition(b"\r\n\r\n")
    lines = header_blob.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    answer_headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        answer_headers[name.strip().lower()] = value.strip()
    if answer_headers.get("transfer-encoding") == "chunked":
        content = _unchunk(content)
    return status, answer_headers, content


def _unchunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2:]
    return out


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


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


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
    args = parser.parse_args()
    # open-loop: up to rate x timeout connections at once
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    django_setup()
    code = accepted_code(args.problem)
    if not args.no_steady:
        steady(args, code)
    if args.flood:
        flood(args, code)


if __name__ == "__main__":
    main()
