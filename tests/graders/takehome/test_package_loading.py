"""Take-home packages load with their metadata, or are refused naming the file and field."""

from pathlib import Path

import pytest

from graders.package import InvalidPackage
from graders.takehome import load_takehome
from tests.graders.takehome.factories import SHIPPED, edit_toml, small_package_dir


@pytest.mark.parametrize("task", sorted(SHIPPED))
def test_shipped_packages_load_with_their_metadata(task):
    package = load_takehome(SHIPPED[task])
    assert package.kind == "takehome" and package.task == task
    assert package.slug == f"takehome_{task}"
    assert package.difficulty in ("easy", "medium", "hard")
    assert package.late_policy in ("refuse", "mark") and package.deadline_hours > 0
    assert isinstance(package.leaderboard_visible_to_candidates, bool)
    assert len(package.fingerprint) == 16 and int(package.fingerprint, 16) >= 0
    assert package.brief.startswith("# ") and "predictions" in package.brief
    assert {item.id for item in package.rubric} >= {"metric", "code"}
    assert all(item.points > 0 and item.guidance for item in package.rubric)
    assert 3 <= len(package.class_names) <= 5
    assert (package.latency_budget_ms is not None) == (task == "classification")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('task = "classification"', 'task = "pose"', "task"),
        ('kind = "takehome"', 'kind = "coding"', "kind"),
        ('late_policy = "mark"', 'late_policy = "maybe"', "late_policy"),
        ("deadline_hours = 48", "deadline_hours = 0", "deadline_hours"),
        ("deadline_hours = 48", 'deadline_hours = "two days"', "deadline_hours"),
        (
            "leaderboard_visible_to_candidates = true",
            "leaderboard_visible_to_candidates = 1",
            "leaderboard_visible_to_candidates",
        ),
        ('difficulty = "easy"', 'difficulty = "trivial"', "difficulty"),
        ("latency_budget_ms = 5.0", "latency_budget_ms = -1", "latency_budget_ms"),
        ('"ellipse", "star"]', '"ellipse", "blob"]', "dataset.classes"),
        ("class_weights = [5, 4, 3, 2, 1]", "class_weights = [5, 4]", "dataset.class_weights"),
        ("image_size = 64", "image_size = 4096", "dataset.image_size"),
        ("objects_per_image = [1, 1]", "objects_per_image = [1, 3]", "dataset.objects_per_image"),
        ("noise_max = 14", "noise_max = -2", "dataset.noise_max"),
        ("blur_probability = 0.4", "blur_probability = 1.5", "dataset.blur_probability"),
        ("seed = 4242", 'seed = "abc"', "dataset.seed"),
        ("points = 35", "points = 0", "rubric[0].points"),
        ('id = "latency"', 'id = "metric"', "rubric"),
    ],
)
def test_invalid_package_names_the_field(tmp_path: Path, old, new, field):
    folder = small_package_dir(tmp_path, "classification")
    edit_toml(folder, old, new)
    with pytest.raises(InvalidPackage) as caught:
        load_takehome(folder)
    assert caught.value.field == field
    assert caught.value.path.endswith("problem.toml")


def test_missing_brief_is_refused(tmp_path: Path):
    folder = small_package_dir(tmp_path, "detection")
    (folder / "brief.md").unlink()
    with pytest.raises(InvalidPackage, match="brief.md: is missing"):
        load_takehome(folder)


def test_broken_toml_is_refused(tmp_path: Path):
    folder = small_package_dir(tmp_path, "detection")
    (folder / "problem.toml").write_text("title = \n")
    with pytest.raises(InvalidPackage, match="not valid TOML"):
        load_takehome(folder)


def test_fingerprint_follows_the_brief_and_the_recipe(tmp_path: Path):
    folder = small_package_dir(tmp_path, "segmentation")
    first = load_takehome(folder).fingerprint
    assert load_takehome(folder).fingerprint == first
    (folder / "brief.md").write_text("# changed\n")
    second = load_takehome(folder).fingerprint
    edit_toml(folder, "noise_max = 10", "noise_max = 11")
    assert len({first, second, load_takehome(folder).fingerprint}) == 3
