"""Verdicts and result records: the plain data the engine hands back to its callers."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any

from graders.jsonsafe import json_safe

# Limits lives with the sandbox that enforces them; importing it from here keeps working.
from graders.sandbox.limits import Limits as Limits


class Verdict(enum.StrEnum):
    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    TIME_LIMIT_EXCEEDED = "time_limit_exceeded"
    MEMORY_LIMIT_EXCEEDED = "memory_limit_exceeded"
    RUNTIME_ERROR = "runtime_error"
    OUTPUT_LIMIT_EXCEEDED = "output_limit_exceeded"
    COMPILE_ERROR = "compile_error"
    FORBIDDEN = "forbidden"  # calls a function the problem asks the candidate to implement
    INTERNAL_ERROR = "internal_error"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Mode(enum.StrEnum):
    RUN = "run"  # sample cases only
    SUBMIT = "submit"  # sample and hidden cases


@dataclass(frozen=True)
class CaseResult:
    name: str
    sample: bool
    verdict: Verdict
    cpu_time: float = 0.0  # seconds
    wall_time: float = 0.0  # seconds
    memory_kb: int = 0  # peak resident memory of the solution process, KiB
    # hidden cases: time and memory are the upper bound of their quarter of the limit
    coarse: bool = False
    message: str = ""
    # A wrong answer explained by kind (graders.diagnosis): a stable code and its sentence.
    diagnosis: str = ""
    diagnosis_text: str = ""
    # Only ever filled for sample cases: JSON-ready previews of the data.
    input_preview: dict[str, Any] | None = None
    expected_preview: Any = None
    actual_preview: Any = None
    stdout: str = ""
    # Raw values of a sample case, for pictures; never serialised.
    actual: Any = field(default=None, repr=False, compare=False)
    expected: Any = field(default=None, repr=False, compare=False)
    inputs: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for raw in ("actual", "expected", "inputs"):
            data.pop(raw)
        data["verdict"] = str(self.verdict)
        if not self.sample:
            for key in ("input_preview", "expected_preview", "actual_preview"):
                data.pop(key)
            data["stdout"] = ""
        return json_safe(data)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class GradeResult:
    verdict: Verdict
    score: float  # fraction of cases accepted
    cases: tuple[CaseResult, ...] = ()
    message: str = ""  # compile errors and internal errors, for the whole submission
    limits: Limits | None = None

    @property
    def passed(self) -> int:
        return sum(1 for case in self.cases if case.verdict == Verdict.ACCEPTED)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "verdict": str(self.verdict),
            "score": self.score,
            "passed": self.passed,
            "total": len(self.cases),
            "message": self.message,
            "limits": asdict(self.limits) if self.limits else None,
            "cases": [case.to_dict() for case in self.cases],
        }
        return json_safe(data)  # type: ignore[no-any-return]


def overall_verdict(cases: list[CaseResult] | tuple[CaseResult, ...]) -> Verdict:
    """The first failing case decides, as on most judges; all accepted means accepted."""
    for case in cases:
        if case.verdict not in (Verdict.ACCEPTED, Verdict.SKIPPED):
            return case.verdict
    return Verdict.ACCEPTED
