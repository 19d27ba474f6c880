"""What grading tells Prometheus: how long each kind takes and what it finds.

Observed in the process that grades (a Celery worker). Under ``PROMETHEUS_MULTIPROC_DIR`` every
process of a host writes its samples there and the host's exporter (``/metrics`` on the web,
the worker's own port on a worker host, backend/ops) adds them up.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

from backend.grading.kinds import Kind, Outcome

# From a fast coding problem (well under a second) to a take-home's evaluation (minutes).
GRADING_BUCKETS = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 600.0)

grading_seconds = Histogram(
    "cvprep_grading_seconds",
    "Wall time of one grade, from claim to stored outcome, by kind of work.",
    ["kind"],
    buckets=GRADING_BUCKETS,
)
verdicts = Counter(
    "cvprep_grading_verdicts",
    "Outcomes stored, by kind and verdict (the kind's status where it has no verdict; "
    "failures given up on included).",
    ["kind", "verdict"],
)


def verdict_of(fields: dict[str, object] | None, status: str) -> str:
    verdict = (fields or {}).get("verdict")
    return str(verdict) if verdict else str(status)


def finished(kind: Kind, outcome: Outcome, seconds: float | None) -> None:
    verdicts.labels(kind.name, verdict_of(dict(outcome.fields), outcome.status)).inc()
    if seconds is not None:
        grading_seconds.labels(kind.name).observe(seconds)


def failed(kind: Kind, fields: dict[str, object]) -> None:
    verdicts.labels(kind.name, verdict_of(fields, str(fields.get("status", "failed")))).inc()
