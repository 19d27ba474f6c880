import shutil
from pathlib import Path

import pytest

from backend.catalog.models import Problem
from backend.catalog.services import sync_problems
from tests.backend.factories import UserFactory

REPO = Path(__file__).resolve().parents[3]
SLUG = "design_multicam_detection"


@pytest.fixture
def design_root(tmp_path: Path, settings) -> Path:
    """A problems/ tree with one design prompt and the component catalog."""
    root = tmp_path / "problems"
    root.mkdir()
    shutil.copytree(REPO / "problems" / "components", root / "components")
    shutil.copytree(REPO / "problems" / SLUG, root / SLUG)
    settings.CVPREP_PROBLEMS_DIR = root
    return root


@pytest.fixture
def prompt(design_root: Path, db) -> Problem:
    sync_problems(root=design_root)
    return Problem.objects.get(slug=SLUG)


@pytest.fixture
def queued(monkeypatch):
    """Grading is the worker's business; record what would be sent."""
    sent: list[int] = []
    monkeypatch.setattr("backend.designs.tasks.grade_design.delay", sent.append)
    # the sweeps re-send at the recovery priority
    monkeypatch.setattr(
        "backend.designs.tasks.grade_design.apply_async", lambda args, **_: sent.append(args[0])
    )
    return sent


@pytest.fixture
def user(db):
    return UserFactory()
