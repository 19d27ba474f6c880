"""``manage.py grading_queues [names]``: the Celery queues a worker should consume, for
``./cvprep worker --queues``.

Names are kinds of graded work (``coding``, ``design``, ``takehome``...: the registry's names)
or queue names as settings route them (``celery`` is coding's, for history); ``maintenance``
is the sweep's and the interview clock's. No names: every kind's queue. An unknown name is an
error naming the known ones, so a typo never starts a worker that consumes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.grading import kinds
from backend.grading.sweep import queue_of

MAINTENANCE = "maintenance"


def queues_by_name() -> dict[str, str]:
    by_kind = {kind.name: queue_of(kind) for kind in kinds.all_kinds()}
    return {**by_kind, **{queue: queue for queue in by_kind.values()}, MAINTENANCE: MAINTENANCE}


def resolve(names: list[str]) -> list[str]:
    known = queues_by_name()
    if not names or names == ["all"]:
        return list(dict.fromkeys(queue_of(kind) for kind in kinds.all_kinds()))
    unknown = [name for name in names if name not in known]
    if unknown:
        raise CommandError(
            f"unknown queue or kind: {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )
    return list(dict.fromkeys(known[name] for name in names))


class Command(BaseCommand):
    help = "Print the Celery queues (comma-separated) for kinds or queue names."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("names", nargs="?", default="", help="comma-separated; default all")

    def handle(self, *args: Any, **options: Any) -> None:
        names = [name.strip() for name in options["names"].split(",") if name.strip()]
        self.stdout.write(",".join(resolve(names)))
