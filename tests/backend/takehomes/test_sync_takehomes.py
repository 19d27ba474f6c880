import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from backend.takehomes.models import TakeHome
from tests.backend.takehomes.conftest import REPO, SLUG

pytestmark = pytest.mark.django_db


def sync(root: Path) -> str:
    out = StringIO()
    call_command("sync_takehomes", "--path", str(root), "--skip-zips", stdout=out)
    return out.getvalue()


def test_sync_builds_the_data_zip_once_per_fingerprint(takehome_root, settings):
    call_command("sync_takehomes", "--path", str(takehome_root), stdout=StringIO())
    takehome = TakeHome.objects.get()
    cached = Path(settings.VAR_DIR) / "takehome-data" / f"{SLUG}-{takehome.fingerprint}.zip"
    assert cached.is_file()
    built_at = cached.stat().st_mtime_ns
    call_command("sync_takehomes", "--path", str(takehome_root), stdout=StringIO())
    assert cached.stat().st_mtime_ns == built_at
    brief = takehome_root / SLUG / "brief.md"
    brief.write_text(brief.read_text() + "\nA new line.\n")
    call_command("sync_takehomes", "--path", str(takehome_root), stdout=StringIO())
    takehome.refresh_from_db()
    zips = sorted(p.name for p in cached.parent.iterdir())
    assert zips == [f"{SLUG}-{takehome.fingerprint}.zip"]  # the old version's zip is gone


def test_sync_loads_takehome_packages_and_skips_coding_problems(takehome_root):
    shutil.copytree(REPO / "problems" / "nms", takehome_root / "nms")
    assert "added 1: th_shapes" in sync(takehome_root)
    takehome = TakeHome.objects.get()
    assert takehome.slug == SLUG and takehome.task == "classification"
    assert takehome.late_policy == "mark" and takehome.deadline_hours == 48
    assert [item["id"] for item in takehome.rubric][:2] == ["metric", "latency"]
    assert takehome.latency_budget_ms == 5.0 and len(takehome.fingerprint) == 16


def test_sync_is_idempotent_and_notices_changes_and_removals(takehome_root):
    sync(takehome_root)
    assert "unchanged 1" in sync(takehome_root)
    brief = takehome_root / SLUG / "brief.md"
    brief.write_text(brief.read_text() + "\nOne more line.\n")
    assert "changed 1: th_shapes" in sync(takehome_root)
    shutil.rmtree(takehome_root / SLUG)
    assert "retired 1: th_shapes" in sync(takehome_root)
    assert not TakeHome.objects.get().is_active


def test_an_invalid_package_is_a_clear_command_error(takehome_root):
    toml = takehome_root / SLUG / "problem.toml"
    toml.write_text(toml.read_text().replace('late_policy = "mark"', 'late_policy = "maybe"'))
    with pytest.raises(CommandError, match="late_policy"):
        sync(takehome_root)
    assert not TakeHome.objects.exists()
