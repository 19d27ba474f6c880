"""What fair dispatch costs per claim under a backlog (backend/grading/dispatch.py).

    DATABASE_URL=... .venv/bin/python -m bench.dispatch [--backlog 2000] [--users 50]

Queues ``--backlog`` coding rows spread over ``--users`` users (no messages are sent: run it
with no grading worker on this database), times ``dispatch.next_job`` and a FIFO pick of the
oldest row, prints milliseconds per call (median of 50), and deletes the rows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backlog", type=int, default=2000)
    parser.add_argument("--users", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from backend.catalog.models import Problem
    from backend.grading import dispatch, kinds
    from backend.submissions.models import Submission

    run = uuid.uuid4().hex[:6]
    users = [get_user_model().objects.create(username=f"dispatch-{run}-{i}")
             for i in range(args.users)]
    problem = Problem.objects.filter(kind="coding").first() or Problem.objects.first()
    Submission.objects.bulk_create(
        Submission(owner=users[i % len(users)], problem=problem, code="x = 1\n", mode="run")
        for i in range(args.backlog)
    )
    kind = kinds.get("coding")
    try:
        for name, pick in (
            ("fair next_job", lambda: dispatch.next_job(kind)),
            ("FIFO oldest", lambda: Submission.objects.filter(status="queued")
             .order_by("created_at", "pk").values_list("pk", flat=True).first()),
        ):
            times = []
            for _ in range(50):
                start = time.perf_counter()
                pick()
                times.append(1000 * (time.perf_counter() - start))
            print(f"{name:>14}: {statistics.median(times):.2f} ms per claim "
                  f"({args.backlog} queued over {args.users} users)")
    finally:
        Submission.objects.filter(owner__in=users).delete()
        get_user_model().objects.filter(pk__in=[u.pk for u in users]).delete()


if __name__ == "__main__":
    main()
