import shutil
from pathlib import Path

import pytest

from graders import InvalidPackage, load_package
from graders.package import discover

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def package_dir(tmp_path: Path) -> Path:
    target = tmp_path / "add_one"
    shutil.copytree(FIXTURES / "add_one", target)
    return target


def edit_toml(path: Path, old: str, new: str) -> None:
    toml = path / "problem.toml"
    toml.write_text(toml.read_text().replace(old, new))


def test_valid_package_loads_with_its_metadata(package_dir):
    package = load_package(package_dir)
    assert package.slug == "add_one" and package.entry == "add_one"
    assert package.limits.time_limit == 1.0 and package.checker.name == "exact"
    assert len(package.fingerprint) == 16


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("time_limit = 1.0", "time_limit = -1", "time_limit"),
        ('difficulty = "easy"', 'difficulty = "trivial"', "difficulty"),
        ('name = "exact"', 'name = "fuzzy"', "checker.name"),
        ('entry = "add_one"', 'entry = "other"', "entry"),
        ("memory_limit = 256", 'memory_limit = "lots"', "memory_limit"),
    ],
)
def test_invalid_fields_are_refused_naming_file_and_field(package_dir, old, new, field):
    edit_toml(package_dir, old, new)
    with pytest.raises(InvalidPackage) as raised:
        load_package(package_dir)
    assert raised.value.field == field
    assert raised.value.path.endswith("problem.toml")
    assert field in str(raised.value)


def test_missing_file_is_named(package_dir):
    (package_dir / "cases.py").unlink()
    with pytest.raises(InvalidPackage, match="cases.py"):
        load_package(package_dir)


def test_broken_toml_is_refused(package_dir):
    (package_dir / "problem.toml").write_text("title = ")
    with pytest.raises(InvalidPackage, match="not valid TOML"):
        load_package(package_dir)


def test_cases_must_include_a_sample_and_unique_names(package_dir):
    (package_dir / "cases.py").write_text(
        "from graders.casekit import Case\n"
        "def generate():\n    return [Case('a', {'x': 1}), Case('a', {'x': 2})]\n"
    )
    with pytest.raises(InvalidPackage, match="duplicate"):
        load_package(package_dir).generate_cases()


def test_fingerprint_changes_when_cases_change(package_dir):
    before = load_package(package_dir).fingerprint
    with (package_dir / "cases.py").open("a") as cases:
        cases.write("\n# changed\n")
    assert load_package(package_dir).fingerprint != before


def test_discover_finds_package_folders(package_dir):
    assert discover(package_dir.parent) == [package_dir]
    assert discover(package_dir) == [package_dir]
