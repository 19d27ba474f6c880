import json
import os
from pathlib import Path

import pytest

from graders import GradeResult, Mode, ProblemPackage, grade, load_package
from graders.sandbox.runner import Sandbox, default_sandbox
from graders.torchrt.sandbox import default_torch_sandbox
from tests.graders.conftest import require_sandbox

FIXTURE = Path(__file__).parent / "fixtures" / "probe"
TORCH_FIXTURE = Path(__file__).parent / "fixtures" / "torch_probe"
ENV_CANARY = "CANARY-ENV-51d0e2"
FILE_CANARY = "CANARY-REFERENCE-7f3a9c"
HIDDEN_CANARY = "424242"
CORRECT = "def probe(x):\n    return x * 2\n"
TORCH_CORRECT = "def torch_probe(x):\n    return x * 2\n"


@pytest.fixture(scope="session")
def probe_package() -> ProblemPackage:
    require_sandbox()
    # The worker's environment holds secrets; the sandbox must start without them.
    os.environ["SECRET_KEY"] = ENV_CANARY
    os.environ["CVPREP_TEST_SECRET"] = ENV_CANARY
    sandbox = default_sandbox()
    sandbox.stop()
    sandbox.start()
    return load_package(FIXTURE)


@pytest.fixture(scope="session")
def torch_probe_package() -> ProblemPackage:
    require_sandbox()
    os.environ["SECRET_KEY"] = ENV_CANARY
    os.environ["CVPREP_TEST_SECRET"] = ENV_CANARY
    sandbox = default_torch_sandbox()
    sandbox.stop()
    sandbox.start()
    return load_package(TORCH_FIXTURE)


def sandbox_processes(sandbox: Sandbox | None = None) -> list[int]:
    """Host pids still running as the sandbox's unprivileged uid."""
    uid = (sandbox or default_sandbox()).uid
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


class Hostile:
    """Grade hostile code, then prove the sandbox is healthy, clean and leak-free."""

    def __init__(
        self, package: ProblemPackage, correct: str = CORRECT, sandbox: Sandbox | None = None
    ) -> None:
        self.package = package
        self.correct = correct
        self.sandbox = sandbox or default_sandbox()

    def grade(self, code: str, mode: Mode = Mode.SUBMIT) -> GradeResult:
        result = grade(self.package, code, mode=mode)
        visible = json.dumps(result.to_dict())
        for canary in (ENV_CANARY, FILE_CANARY, HIDDEN_CANARY):
            assert canary not in visible, f"{canary} leaked into what the candidate sees"
        self.sandbox.settle()  # the last child's reap runs after the verdict is out
        if os.geteuid() == 0:
            assert sandbox_processes(self.sandbox) == [], "a process of the sandbox uid survived"
        follow_up = grade(self.package, self.correct)
        assert follow_up.verdict == "accepted", follow_up.to_dict()
        return result


@pytest.fixture
def hostile(probe_package: ProblemPackage) -> Hostile:
    return Hostile(probe_package)


@pytest.fixture
def torch_hostile(torch_probe_package: ProblemPackage) -> Hostile:
    return Hostile(torch_probe_package, TORCH_CORRECT, default_torch_sandbox())
