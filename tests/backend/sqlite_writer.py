"""One writer of a shared SQLite file, run as its own process by test_sqlite_concurrency.

    python tests/backend/sqlite_writer.py setup          migrate, load one design prompt, a user
    python tests/backend/sqlite_writer.py web <n>        hand in <n> designs through the page
    python tests/backend/sqlite_writer.py worker <s>     write for <s> seconds as a worker does

The environment names the database (DATABASE_URL=sqlite:///...) and the problems root. Each
role prints one JSON line with what it saw; the web role counts answers by HTTP status.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from backend.catalog.models import Problem  # noqa: E402
from backend.catalog.services import sync_problems  # noqa: E402
from backend.designs.models import DesignDraft, DesignSubmission  # noqa: E402

SLUG = "design_multicam_detection"
USERNAME = "writer"


def setup() -> dict[str, object]:
    from django.contrib.auth import get_user_model

    call_command("migrate", verbosity=0)
    from django.conf import settings

    sync_problems(root=settings.CVPREP_PROBLEMS_DIR)
    get_user_model().objects.create_user(USERNAME, password="pw-for-the-test")
    return {"problems": Problem.objects.count()}


def web(count: int) -> dict[str, object]:
    from django.contrib.auth import get_user_model

    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=USERNAME))
    from django.conf import settings

    spec = (settings.CVPREP_PROBLEMS_DIR / SLUG / "model_spec.yaml").read_text()
    statuses: Counter[int] = Counter()
    for _ in range(count):
        DesignDraft.objects.all().delete()  # a prompt with no draft yet, as in the report
        response = client.post(f"/design/{SLUG}/", {
            "write_up": "Two T4s behind a decode pool.", "spec_mode": "yaml", "spec_yaml": spec,
        })
        statuses[response.status_code] += 1
    return {"statuses": dict(statuses), "kept": DesignSubmission.objects.count()}


def worker(seconds: float) -> dict[str, object]:
    """Read, then write, inside one transaction, the way claim and store do."""
    errors = writes = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with transaction.atomic():
                rows = list(DesignSubmission.objects.values_list("pk", flat=True)[:5])
                DesignSubmission.objects.filter(pk__in=rows or [0]).update(
                    enqueued_at=timezone.now())
                time.sleep(0.005)  # the rest of the claim, with the write lock held
            writes += 1
        except OperationalError:
            errors += 1
        time.sleep(0.005)  # a busy worker: progress, heartbeats and results, ~100 writes/s
    return {"writes": writes, "errors": errors}


if __name__ == "__main__":
    role = sys.argv[1]
    if role == "setup":
        print(json.dumps(setup()))
    elif role == "web":
        print(json.dumps(web(int(sys.argv[2]))))
    else:
        print(json.dumps(worker(float(sys.argv[2]))))
