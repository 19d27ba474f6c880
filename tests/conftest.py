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
