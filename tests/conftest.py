import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def problems_root(tmp_path: Path, settings) -> Path:
    """A small problems/ tree: the real nms package and the add_one fixture."""
    root = tmp_path / "problems"
    root.mkdir()
    shutil.copytree(REPO / "problems" / "nms", root / "nms")
    shutil.copytree(REPO / "tests" / "graders" / "fixtures" / "add_one", root / "add_one")
    settings.CVPREP_PROBLEMS_DIR = root
    return root


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Work-rate counts are per user id, and ids repeat between tests."""
    from django.core.cache import caches

    caches["throttle"].clear()
    yield


@pytest.fixture
def empty_broker(monkeypatch):
    """A broker that holds no grading message. The machine's Redis keeps what earlier tests (or
    an interrupted run) sent with no worker to consume it; under fair dispatch the sweep counts
    those as tokens that will claim its lost rows, so a sweep test that stubs sending must not
    see them."""
    monkeypatch.setattr("backend.grading.broker.waiting_ids", lambda *args, **kwargs: set())


@pytest.fixture(autouse=True)
def _broker_tried_afresh():
    """A send refused in one test must not make the next one skip its sends."""
    from backend.grading import broker

    broker.forget_refusals()
    yield
    broker.forget_refusals()
