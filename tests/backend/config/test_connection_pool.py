"""Every request a web process lets in can get a database connection: under ASGI each runs on
a thread of its own, and with a pool smaller than the in-flight bound the requests past the
pool's size waited 10 s and answered 500 (bench/load.py --outage, 9 of 1,126)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def _pool_size(**env: str) -> int:
    kept = {k: v for k, v in os.environ.items()
            if not k.startswith("CVPREP_DB_POOL") and k != "CVPREP_MAX_IN_FLIGHT"}
    environment = {
        **kept,
        "DJANGO_SETTINGS_MODULE": "backend.config.settings",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/never",  # settings only: never opened
        "DEBUG": "1",
        **env,
    }
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.DATABASES['default']['OPTIONS']['pool']['max_size'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=environment, cwd=REPO, capture_output=True, text=True,
        check=True,
    )
    return int(out.stdout.strip())


def test_the_pool_holds_as_many_connections_as_requests_let_in():
    assert _pool_size() == 24
    assert _pool_size(CVPREP_MAX_IN_FLIGHT="40") == 40
    assert _pool_size(CVPREP_MAX_IN_FLIGHT="40", CVPREP_DB_POOL_MAX="6") == 6  # an operator's own
