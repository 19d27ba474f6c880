"""Fair dispatch: which queued job a grading message claims.

A message does not name the job it grades; it is a token for "grade one job of this kind".
With one message sent per queued row, every row is still claimed (each token claims at most
one, by the conditional update in lifecycle.claim, so each row is graded once), but the order
is the dispatcher's, not the queue's: strict FIFO made a second user's one submission wait
119 s behind another user's 100.

The order: the kind's tiers first (coding: interview work, then sample runs, then full
submits), then the user least recently served (the oldest latest ``started_at`` among their
jobs of this kind; never served first), then that user's oldest job. Between users with
backlogs this is round-robin; a newcomer waits for at most one job per worker.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Case, IntegerField, Max, Min, Value, When

from backend.grading.kinds import Kind
from backend.grading.models import JobStatus

NEVER = datetime.min  # the last service of a user never served: before anyone's


def _tier(kind: Kind) -> Any:
    """0 for the kind's most urgent work, len(tiers) for the rest."""
    if not kind.dispatch_tiers:
        return Value(0, output_field=IntegerField())
    return Case(
        *(When(condition, then=Value(rank)) for rank, condition in enumerate(kind.dispatch_tiers)),
        default=Value(len(kind.dispatch_tiers)),
        output_field=IntegerField(),
    )


def next_job(kind: Kind) -> int | None:
    """The id of the queued job to grade next, or None when nothing is queued.

    Three small queries, whatever the backlog: one row per user with queued work, their
    latest service, then the chosen user's first job."""
    owner = kind.owner_field
    queued = kind.model.objects.filter(status=JobStatus.QUEUED).order_by()
    waiting = list(
        queued.values(owner).annotate(tier=Min(_tier(kind)), first=Min("created_at"))
    )
    if not waiting:
        return None
    served = dict(
        kind.model.objects.filter(**{f"{owner}__in": [row[owner] for row in waiting]})
        .exclude(started_at=None)
        .order_by()
        .values(owner)
        .annotate(last=Max("started_at"))
        .values_list(owner, "last")
    )

    def turn(row: dict[str, Any]) -> tuple[Any, ...]:
        last = served.get(row[owner])
        return (row["tier"], last is not None, last or NEVER, row["first"], row[owner] or 0)

    chosen = min(waiting, key=turn)
    job: int | None = (
        queued.filter(**{owner: chosen[owner]})
        .annotate(tier=_tier(kind))
        .order_by("tier", "created_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return job
