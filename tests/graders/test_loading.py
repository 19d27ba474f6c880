"""graders.load reads any package: the kind its problem.toml declares picks the loader."""

from pathlib import Path

import pytest

import graders
from graders.design import DesignPackage
from graders.takehome import TakehomePackage

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"


@pytest.mark.parametrize(
    ("slug", "kind"),
    [
        ("nms", graders.ProblemPackage),
        ("design_multicam_detection", DesignPackage),
        ("takehome_classification", TakehomePackage),
    ],
)
def test_load_dispatches_on_the_declared_kind(slug, kind):
    package = graders.load(PROBLEMS / slug)
    assert isinstance(package, kind) and package.slug == slug


def test_a_package_of_no_known_kind_is_refused_at_its_field(tmp_path):
    (tmp_path / "problem.toml").write_text('kind = "poetry"\n')
    with pytest.raises(graders.InvalidPackage) as refused:
        graders.load(tmp_path)
    assert "kind" in str(refused.value)
