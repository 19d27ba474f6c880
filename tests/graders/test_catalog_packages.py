"""Every shipped problem keeps its promises: `python -m graders verify` for each package.

The package loads, its cases are identical on two runs, the starter is rejected, and every
solution under solutions/<verdict>/ gets exactly that verdict (at least one other accepted
solution and three rejected ones per problem).
"""

from pathlib import Path

import pytest

from graders.coding.package import load_package
from graders.coding.verify import verify_package
from graders.package import discover
from tests.graders.conftest import require_sandbox

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
CODING_PACKAGES = [path for path in discover(PROBLEMS) if (path / "cases.py").exists()]


def test_the_catalog_is_not_empty():
    assert len(CODING_PACKAGES) >= 5


@pytest.mark.parametrize("path", CODING_PACKAGES, ids=[p.name for p in CODING_PACKAGES])
def test_package_verifies(path: Path):
    require_sandbox()
    report = verify_package(path)
    assert report.ok, "\n".join(report.problems)


@pytest.mark.parametrize("path", CODING_PACKAGES, ids=[p.name for p in CODING_PACKAGES])
def test_statement_has_a_worked_example_that_is_a_sample(path: Path):
    package = load_package(path)
    assert "example" in package.statement.lower()
    assert any(case.sample for case in package.generate_cases())
    assert package.category and package.tags and package.difficulty in ("easy", "medium", "hard")
