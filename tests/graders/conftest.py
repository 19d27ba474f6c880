import os
import shutil
from pathlib import Path

import pytest

from graders import ProblemPackage, load_package

FIXTURES = Path(__file__).parent / "fixtures"


def require_sandbox() -> None:
    """Grading needs bubblewrap; under CI it must be there, elsewhere a missing one skips."""
    if shutil.which("bwrap") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("bubblewrap is not installed: ./cvprep installs it")
        pytest.skip("bubblewrap is not installed")


@pytest.fixture
def add_one() -> ProblemPackage:
    require_sandbox()
    return load_package(FIXTURES / "add_one")


@pytest.fixture
def scaled_add() -> ProblemPackage:
    """A torch-runtime package: tuple output (float32, int64), a None argument, gradients of x
    and y, and torch.lerp and torch.nn.functional.hardtanh forbidden."""
    require_sandbox()
    return load_package(FIXTURES / "scaled_add")
