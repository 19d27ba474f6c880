"""Placeholder until the sandboxed engine lands (same signatures)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graders.package import ProblemPackage
from graders.verdicts import CaseResult, GradeResult, Mode


def prepare(package: ProblemPackage) -> Any:
    raise NotImplementedError


def sample_cases(package: ProblemPackage) -> list[dict[str, Any]]:
    raise NotImplementedError


def grade(
    package: ProblemPackage,
    code: str,
    *,
    mode: Mode = Mode.SUBMIT,
    on_case: Callable[[CaseResult, int, int], None] | None = None,
) -> GradeResult:
    raise NotImplementedError
