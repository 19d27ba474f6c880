import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from backend.catalog.models import Problem
from tests.conftest import REPO

pytestmark = pytest.mark.django_db


def sync(root) -> str:
    out = StringIO()
    call_command("sync_problems", "--path", str(root), stdout=out)
    return out.getvalue()


def test_sync_adds_then_is_idempotent(problems_root):
    assert "added 2: add_one, nms" in sync(problems_root)
    assert "unchanged 2" in sync(problems_root)
    nms = Problem.objects.get(slug="nms")
    assert nms.title == "Non-maximum suppression" and nms.case_count >= 10
    assert [sample["name"] for sample in nms.samples] == [
        "example",
        "equal_scores_lower_index_first",
    ]


def test_sync_reports_changed_packages(problems_root):
    sync(problems_root)
    statement = problems_root / "add_one" / "problem.toml"
    statement.write_text(statement.read_text().replace('title = "Add one"', 'title = "Add 1"'))
    assert "changed 1: add_one" in sync(problems_root)
    assert Problem.objects.get(slug="add_one").title == "Add 1"


def test_removed_packages_are_retired_not_deleted(problems_root):
    sync(problems_root)
    shutil.rmtree(problems_root / "add_one")
    assert "retired 1: add_one" in sync(problems_root)
    assert Problem.objects.get(slug="add_one").is_active is False


def test_invalid_package_is_refused_naming_file_and_field_and_changes_nothing(problems_root):
    toml = problems_root / "add_one" / "problem.toml"
    toml.write_text(toml.read_text().replace("time_limit = 1.0", "time_limit = 0"))
    with pytest.raises(CommandError) as raised:
        sync(problems_root)
    assert "problem.toml" in str(raised.value) and "time_limit" in str(raised.value)
    assert Problem.objects.count() == 0


def test_a_plural_spelling_of_a_tag_in_use_is_refused(problems_root):
    toml = problems_root / "add_one" / "problem.toml"
    toml.write_text(toml.read_text().replace('tags = ["toy"]', 'tags = ["toys"]'))
    nms = problems_root / "nms" / "problem.toml"
    nms.write_text(nms.read_text().replace('tags = ["boxes"', 'tags = ["toy", "boxes"'))
    with pytest.raises(CommandError, match="'toys' duplicates 'toy'"):
        sync(problems_root)
    assert not Problem.objects.exists()


def test_tags_must_be_lowercase_hyphenated_words(problems_root):
    toml = problems_root / "add_one" / "problem.toml"
    toml.write_text(toml.read_text().replace('tags = ["toy"]', 'tags = ["Point Clouds"]'))
    with pytest.raises(CommandError, match="lowercase words joined by hyphens"):
        sync(problems_root)


def test_sync_stores_the_runtime_and_fills_it_in_on_rows_synced_before(problems_root):
    shutil.copytree(REPO / "tests/graders/fixtures/scaled_add", problems_root / "scaled_add")
    sync(problems_root)
    assert Problem.objects.get(slug="scaled_add").runtime == "torch"
    assert Problem.objects.get(slug="nms").runtime == "numpy"
    Problem.objects.filter(slug="nms").update(details={"aliases": []})  # as an older sync left it
    assert "changed 1: nms" in sync(problems_root)
    assert Problem.objects.get(slug="nms").details["runtime"] == "numpy"
