"""Loading torch packages: runtime, the [torch] table and the tensor checker, with errors that
name file and field; the source scan and the comparison rule on their own."""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from graders import InvalidPackage, load_package
from graders.torchrt.compare import compare
from graders.torchrt.scan import forbidden_use
from graders.torchrt.spec import Tolerance

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def torch_dir(tmp_path: Path) -> Path:
    target = tmp_path / "scaled_add"
    shutil.copytree(FIXTURES / "scaled_add", target)
    return target


def edit_toml(path: Path, old: str, new: str) -> None:
    toml = path / "problem.toml"
    assert old in toml.read_text()
    toml.write_text(toml.read_text().replace(old, new))


def test_loading_a_torch_package_does_not_import_torch(torch_dir):
    # Syncing a catalog (and grading numpy problems) must never pay torch's import.
    probe = f"import sys; from graders import load_package; load_package({str(torch_dir)!r}); "
    probe += "print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_torch_package_loads_its_spec(torch_dir):
    package = load_package(torch_dir)
    assert package.runtime == "torch" and package.torch is not None
    assert package.torch.grad_inputs == ("x", "y")
    assert package.torch.forbidden == ("torch.lerp", "torch.nn.functional.hardtanh")
    assert package.torch.grad == Tolerance(1e-5, 1e-4)
    assert package.torch.output_tolerance(0) == package.torch.output_tolerance(1)


def test_numpy_packages_default_to_the_numpy_runtime():
    package = load_package(FIXTURES / "add_one")
    assert package.runtime == "numpy" and package.torch is None


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('runtime = "torch"', 'runtime = "jax"', "runtime"),
        ('runtime = "torch"\n', "", "checker.name"),
        ('grad_inputs = ["x", "y"]', 'grad_inputs = ["x", "z"]', "torch.grad_inputs"),
        ('grad_inputs = ["x", "y"]', 'grad_inputs = "x"', "torch.grad_inputs"),
        ('grad_inputs = ["x", "y"]', "grad_inputs = []", "checker.grad_atol"),
        ("grad_atol = 1e-5\n", "", "checker.grad_atol"),
        ("grad_rtol = 1e-4", "grad_rtol = -1", "checker.grad_rtol"),
        ("grad_rtol = 1e-4", "grad_tol = 1e-4", "checker.grad_tol"),
        ('forbidden = ["torch.lerp"', 'forbidden = ["lerp"', "torch.forbidden"),
        ("[torch]", "[torch]\nforbid = []", "torch.forbid"),
        (
            "[[checker.outputs]]\natol = 1e-5",
            "[[checker.outputs]]\natol = 'big'",
            "checker.outputs[0].atol",
        ),
    ],
)
def test_invalid_torch_fields_are_named(torch_dir, old, new, field):
    edit_toml(torch_dir, old, new)
    with pytest.raises(InvalidPackage) as error:
        load_package(torch_dir)
    assert error.value.field == field
    assert error.value.path.endswith("problem.toml")


def test_torch_table_on_a_numpy_package_is_refused(tmp_path):
    target = tmp_path / "add_one"
    shutil.copytree(FIXTURES / "add_one", target)
    (target / "problem.toml").write_text(
        (target / "problem.toml").read_text() + '\n[torch]\nforbidden = ["torch.add"]\n'
    )
    with pytest.raises(InvalidPackage) as error:
        load_package(target)
    assert error.value.field == "torch"


FORBIDDEN = (
    "torch.nn.functional.grid_sample",
    "torch.grid_sampler_2d",
    "torch.ops.aten.grid_sampler_2d",
)


@pytest.mark.parametrize(
    ("source", "hit"),
    [
        (
            "import torch.nn.functional as F\ndef f(x, g):\n    return F.grid_sample(x, g)\n",
            FORBIDDEN[0],
        ),
        ("from torch.nn.functional import grid_sample as gs\n", FORBIDDEN[0]),
        ("import torch\ny = torch.nn.functional.grid_sample\n", FORBIDDEN[0]),
        ("import torch as t\ny = t.grid_sampler_2d\n", FORBIDDEN[1]),
        ("import torch\ny = torch.ops.aten.grid_sampler_2d.default\n", FORBIDDEN[2]),
        ("from torch import nn\ny = nn.functional.grid_sample\n", FORBIDDEN[0]),
        ("import torch\n# torch.nn.functional.grid_sample is forbidden\ns = 'grid_sample'\n", None),
        ("F = object()\ny = F.grid_sample\n", None),
        ("import torch.nn.functional as F\ny = F.grid_sampler\n", None),
        ("def broken(:\n", None),
    ],
)
def test_source_scan_resolves_names_through_imports(source, hit):
    assert forbidden_use(source, FORBIDDEN) == hit


def test_compare_applies_atol_plus_rtol_of_the_reference():
    reference = np.array([1.0, 100.0], np.float32)
    tolerance = Tolerance(atol=1e-3, rtol=1e-2)
    assert compare(reference + np.float32(0.9), reference, tolerance, "output", hidden=False) != ""
    assert compare(reference + [0.0, 0.9], reference, tolerance, "output", hidden=False) == (
        "output: dtype float64, expected float32"
    )
    assert (
        compare(np.array([1.0005, 100.9], np.float32), reference, tolerance, "o", hidden=False)
        == ""
    )


def test_compare_requires_finite_where_the_reference_is_and_exact_integers():
    tolerance = Tolerance(atol=1.0, rtol=1.0)
    nan = np.array([np.nan, 1.0], np.float32)
    message = compare(nan, np.array([1.0, 1.0], np.float32), tolerance, "grad of x", hidden=False)
    assert message.startswith("grad of x: nan at [0]")
    same_inf = np.array([np.inf, 1.0], np.float32)
    assert compare(same_inf, same_inf.copy(), tolerance, "o", hidden=False) == ""
    got, want = np.array([[1, 2], [3, 5]]), np.array([[1, 2], [3, 4]])
    assert compare(got, want, tolerance, "output 1", hidden=False) == (
        "output 1: 1 of 4 values differ, first at [1, 1] (5, expected 4)"
    )
    assert compare(got, want, tolerance, "output 1", hidden=True) == "output 1: wrong values"


def test_a_case_may_loosen_its_own_tolerances(torch_dir):
    spec = load_package(torch_dir).torch
    assert spec is not None
    assert spec.for_case(None) is spec
    loose = spec.for_case({"atol": 1e-3, "grad_rtol": 1e-2})
    assert loose.output_tolerance(0) == loose.output_tolerance(1) == Tolerance(1e-3, 1e-4)
    assert loose.grad == Tolerance(1e-5, 1e-2)
    assert loose.forbidden == spec.forbidden and loose.grad_inputs == spec.grad_inputs


@pytest.mark.parametrize(
    ("tolerance", "field"),
    [({"atoll": 1e-3}, "tolerance.atoll"), ({"atol": -1.0}, "tolerance.atol"), (0.1, "tolerance")],
)
def test_a_bad_case_tolerance_names_the_case(torch_dir, tolerance, field):
    from graders.torchrt.judge import prepare_torch

    cases = torch_dir / "cases.py"
    cases.write_text(
        cases.read_text().replace(
            'extra={"check_grad": False}',
            f'extra={{"check_grad": False, "tolerance": {tolerance!r}}}',
        )
    )
    with pytest.raises(InvalidPackage) as error:
        prepare_torch(load_package(torch_dir))
    assert error.value.path.endswith("cases.py") and error.value.field == "forward_only"
    assert field in error.value.reason
