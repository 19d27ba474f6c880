"""A broker outage under load: careful clients, Redis killed and restarted empty.

Clients POST ``/api/submissions/`` open-loop at ``rate`` per second, each submission with an
``Idempotency-Key`` of its own, and retry one that got no answer, a 5xx, a 429 or a 409 (the
key still being answered) with the same key, as a careful client does: after ``Retry-After``
at least, backing off exponentially (1, 2, 4... 30 s) with jitter. After ``before`` seconds
the benchmark kills Redis with SIGKILL, starts it again ``down`` seconds later, empty (the
broker's queue is lost: the sweep must re-send from the database), and keeps sending for
``after`` seconds. Then it waits until every submission the API accepted is graded and prints
what the clients saw and what the database holds.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.http import percentile, request

RETRIED = {409, 429}
# A careful client gives up on one submission after this long (none did in our runs).
GIVE_UP_SECONDS = 300.0


@dataclass
class Attempt:
    sent: float  # time.time()
    answered: float
    status: int | None


@dataclass
class Outcome:
    attempts: list[Attempt] = field(default_factory=list)
    submission_id: int | None = None
    final: int | None = None


@dataclass
class Window:
    killed: float = 0.0  # time.time() of the SIGKILL
    restarted: float = 0.0  # time.time() once the new Redis listens

    def phase(self, attempt: Attempt) -> str:
        """Where a request falls: sent before the kill and answered before it, overlapping
        the outage, or sent after Redis was back."""
        if attempt.answered < self.killed:
            return "before"
        if attempt.sent <= self.restarted:
            return "outage"
        return "after"


def backoff(tries: int, retry_after: str | None) -> float:
    """Retry-After as a floor, doubling from 1 s up to 30 s, with jitter: retrying every
    Retry-After seconds on the dot would offer a saturated server many times the load."""
    try:
        floor = float(retry_after) if retry_after else 0.0
    except ValueError:
        floor = 0.0
    return max(floor, min(30.0, 2.0 ** (tries - 1))) * random.uniform(0.75, 1.25)


async def careful_post(base: str, body: bytes, token: str, timeout: float) -> Outcome:
    headers = {"Content-Type": "application/json", "Authorization": f"Token {token}",
               "Idempotency-Key": uuid.uuid4().hex}
    outcome = Outcome()
    first = time.time()
    while True:
        sent = time.time()
        status, answer, content = await request(base, "POST", "/api/submissions/", body,
                                                headers, timeout)
        outcome.attempts.append(Attempt(sent, time.time(), status))
        retry = status is None or status >= 500 or status in RETRIED
        if not retry or time.time() - first > GIVE_UP_SECONDS:
            outcome.final = status
            if status == 201:
                outcome.submission_id = int(json.loads(content)["id"])
            return outcome
        await asyncio.sleep(backoff(len(outcome.attempts), answer.get("retry-after")))


async def offered(base: str, rate: float, seconds: float, tokens: list[str], body: bytes,
                  timeout: float, window: Window, before: float, down: float,
                  kill: Callable[[], None], restart: Callable[[], None]) -> list[Outcome]:
    async def outage() -> None:
        await asyncio.sleep(before)
        window.killed = time.time()
        await asyncio.to_thread(kill)
        await asyncio.sleep(down)
        await asyncio.to_thread(restart)
        window.restarted = time.time()

    broker = asyncio.create_task(outage())
    start = time.monotonic()
    clients = []
    for index in range(int(rate * seconds)):
        delay = start + index / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        clients.append(asyncio.create_task(
            careful_post(base, body, tokens[index % len(tokens)], timeout)))
    outcomes = await asyncio.gather(*clients)
    await broker
    return list(outcomes)


def finished_lines(log: Path) -> Counter[int]:
    """How many times the worker stored an outcome for each coding job (its JSON log)."""
    stored: Counter[int] = Counter()
    for line in log.read_text(errors="replace").splitlines():
        if '"job_id"' not in line or "finished" not in line:
            continue
        try:
            entry = json.loads(line[line.index("{"):])
        except ValueError:
            continue
        if entry.get("kind") == "coding" and str(entry.get("message", "")).find(": finished") > 0:
            stored[int(entry["job_id"])] += 1
    return stored


def wait_graded(users: list[Any], limit: float) -> list[dict[str, Any]]:
    from backend.submissions.models import Submission

    rows = Submission.objects.filter(owner__in=users)
    deadline = time.monotonic() + limit
    while rows.exclude(status__in=("done", "failed")).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    return list(rows.values("id", "status", "verdict", "attempts", "created_at", "finished_at"))


def report(outcomes: list[Outcome], rows: list[dict[str, Any]], window: Window,
           stored: Counter[int], down: float, rate: float, after: float) -> None:
    attempts = [a for o in outcomes for a in o.attempts]
    by_phase: dict[str, Counter[str]] = defaultdict(Counter)
    for attempt in attempts:
        shown = "unanswered" if attempt.status is None else str(attempt.status)
        by_phase[window.phase(attempt)][shown] += 1
        by_phase["all"][shown] += 1
    statuses = sorted({s for c in by_phase.values() for s in c}, key=lambda s: (len(s), s))
    accepted = {o.submission_id for o in outcomes if o.submission_id is not None}
    keys = len(outcomes)
    created = len(rows)
    done = [r for r in rows if r["status"] == "done"]
    restarted = window.restarted
    finished = [r["finished_at"].timestamp() for r in rows if r["finished_at"] is not None]
    # What was accepted before the new Redis listened: its messages were lost or never sent.
    earlier = [r for r in rows if r["created_at"].timestamp() <= restarted]
    left = [r for r in earlier
            if r["finished_at"] is None or r["finished_at"].timestamp() > restarted]
    earlier_done = max((r["finished_at"].timestamp() for r in left if r["finished_at"]),
                       default=restarted)
    last = max(finished, default=float("nan"))
    once = sum(1 for r in done if stored.get(r["id"], 0) == 1)
    attempts_seen = Counter(r["attempts"] for r in rows)
    outage_5xx = sum(n for s, n in by_phase["outage"].items() if s.startswith("5") and s != "503")
    latency_201 = [1000 * (a.answered - a.sent) for a in attempts if a.status == 201]
    print(f"\noutage: {rate:g} POST/s, Redis SIGKILLed {down:g} s and restarted empty")
    print("| requests sent | " + " | ".join(statuses) + " |")
    print("| --- | " + " | ".join("---:" for _ in statuses) + " |")
    for phase in ("before", "outage", "after", "all"):
        counts = by_phase.get(phase, Counter())
        print(f"| {phase} ({sum(counts.values())}) | "
              + " | ".join(str(counts.get(s, 0)) for s in statuses) + " |")
    print("| figure | value |\n| --- | --- |")
    print(f"| submissions (distinct Idempotency-Keys) | {keys} |")
    print(f"| keys answered 201 at last / gave up | {sum(o.final == 201 for o in outcomes)} / "
          f"{sum(o.final != 201 for o in outcomes)} |")
    print(f"| HTTP requests (with retries) | {len(attempts)} |")
    print(f"| 5xx other than 503 + Retry-After, during the outage | {outage_5xx} |")
    print(f"| rows created / distinct ids answered | {created} / {len(accepted)} |")
    print(f"| duplicates (rows created - keys) | {created - keys} |")
    print(f"| rows done / failed / still pending | {len(done)} / "
          f"{sum(r['status'] == 'failed' for r in rows)} / "
          f"{sum(r['status'] not in ('done', 'failed') for r in rows)} |")
    print(f"| outcome stored exactly once (worker log) | {once} of {len(done)}; "
          f"more than once: {sum(1 for n in stored.values() if n > 1)} |")
    print(f"| attempts per row (claims) | {dict(sorted(attempts_seen.items()))} |")
    print(f"| verdicts | {dict(Counter(r['verdict'] for r in done))} |")
    print(f"| rows accepted before Redis came back, not yet graded then | {len(left)} |")
    print(f"| Redis back -> those graded | {earlier_done - restarted:.1f} s |")
    print(f"| Redis back -> every row graded (sending went on {after:g} s) | "
          f"{last - restarted:.1f} s |")
    print(f"| 201 latency p50 / p99 / max | {percentile(latency_201, .5):.0f} / "
          f"{percentile(latency_201, .99):.0f} / {max(latency_201, default=float('nan')):.0f} ms |")
    print(f"| kill at / restart at | {_clock(window.killed)} / {_clock(window.restarted)} |")


def _clock(stamp: float) -> str:
    return datetime.fromtimestamp(stamp).strftime("%H:%M:%S")
