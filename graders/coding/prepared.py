"""A package made ready to grade: cases generated, expected outputs computed, and the hooks by
which a runtime (numpy by default, graders.torchrt for torch) shapes how it is graded."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, overload

from graders.coding.casekit import Case
from graders.coding.checkers import BUILTIN, Checker
from graders.coding.package import ProblemPackage
from graders.coding.verdicts import Mode, Verdict
from graders.sandbox.inside import wire
from graders.sandbox.runner import RawOutcome, Sandbox, default_sandbox


@dataclass
class PreparedProblem:
    """A package with its cases generated and their expected outputs computed."""

    package: ProblemPackage
    cases: list[Case]
    expected: list[Any]

    def encoded_inputs(self, indices: list[int]) -> _EncodedInputs:
        return _EncodedInputs([self.cases[i] for i in indices])

    @cached_property
    def checker(self) -> Checker:
        if self.package.checker.name == "custom":
            check = self.package.module("checker").check
            return check  # type: ignore[no-any-return]
        return BUILTIN[self.package.checker.name]

    def indices(self, mode: Mode) -> list[int]:
        samples = [i for i, case in enumerate(self.cases) if case.sample]
        if mode == Mode.RUN:
            return samples
        return samples + [i for i, case in enumerate(self.cases) if not case.sample]

    # -- runtime hooks (graders.torchrt.judge.TorchPrepared overrides them) -------------------

    def sandbox(self) -> Sandbox:
        """The sandbox of this process that runs this runtime's submissions."""
        return default_sandbox()

    @property
    def setup(self) -> dict[str, Any]:
        """What the harness in the sandbox needs besides the code and the entry."""
        return {}

    def refuse(self, code: str) -> tuple[Verdict, str] | None:
        """A verdict for the whole submission before anything runs, or None."""
        return None

    def judge_outcome(self, index: int, outcome: RawOutcome) -> tuple[Verdict, str] | None:
        """The runtime's own verdict and final message for an outcome, or None to let the
        checker judge it (the message of a hidden case must then carry no data)."""
        return None

    def shown_value(self, outcome: RawOutcome) -> Any:
        """What a sample case shows as the solution's output."""
        return outcome.value

    def run_reference(self, case: Case) -> Any:
        """What judging ``case`` needs from the reference, as plain wire values (custom input:
        called in a forked child with limits, for a case the candidate wrote)."""
        return self.package.reference()(*copy.deepcopy(list(case.args.values())))

    def one_case(self, case: Case, computed: Any) -> PreparedProblem:
        """This problem prepared for ``case`` alone, from what ``run_reference`` returned."""
        single = PreparedProblem(package=self.package, cases=[case], expected=[computed])
        single.__dict__["checker"] = self.checker  # the cached checker, already imported
        return single


class _EncodedInputs(Sequence[tuple[Any, list[bytes]]]):
    """Cases encoded for the wire one at a time, as they are sent: a 4096x4096 case is not
    held twice in memory for as long as the package stays prepared."""

    def __init__(self, cases: list[Case]) -> None:
        self.cases = cases

    def __len__(self) -> int:
        return len(self.cases)

    @overload
    def __getitem__(self, index: int) -> tuple[Any, list[bytes]]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[Any, list[bytes]]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return wire.encode_value(tuple(self.cases[index].args.values()))
