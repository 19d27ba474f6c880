"""Grading a submission: cases and expected outputs from the package, outputs from the sandbox,
verdicts from the checker. All judging happens here, in the trusted process."""

from __future__ import annotations

import builtins
import copy
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, overload

from graders.casekit import Case
from graders.checkers import BUILTIN, Checker, run_checker
from graders.diagnosis import explain
from graders.package import InvalidPackage, ProblemPackage
from graders.previews import preview
from graders.sandbox.bwrap import SandboxUnavailable
from graders.sandbox.inside import wire
from graders.sandbox.runner import RawOutcome, Sandbox, ZygoteDied, default_sandbox
from graders.verdicts import CaseResult, GradeResult, Mode, Verdict, overall_verdict

CACHE_SIZE = 6
OnCase = Callable[[CaseResult, int, int], None]


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


_prepared: OrderedDict[tuple[str, str], PreparedProblem] = OrderedDict()


def prepare(package: ProblemPackage) -> PreparedProblem:
    """Generate cases and run the reference once per package version (kept in a small LRU)."""
    key = (str(package.path), package.fingerprint)
    if key in _prepared:
        _prepared.move_to_end(key)
        return _prepared[key]
    cases = package.generate_cases()
    reference = package.reference()
    expected = []
    for case in cases:
        try:
            expected.append(reference(*copy.deepcopy(list(case.args.values()))))
        except Exception as error:
            raise InvalidPackage(
                path=package.path / "reference.py",
                field=package.entry,
                reason=f"fails on case {case.name!r}: {error!r}",
            ) from error
    prepared = PreparedProblem(package=package, cases=cases, expected=expected)
    _prepared[key] = prepared
    while len(_prepared) > CACHE_SIZE:
        _prepared.popitem(last=False)
    return prepared


def sample_cases(package: ProblemPackage) -> list[dict[str, Any]]:
    """The sample cases as the page shows them. Hidden cases never leave through here."""
    prepared = prepare(package)
    return [
        {
            "name": case.name,
            "note": case.note,
            "input": {name: preview(value) for name, value in case.args.items()},
            "expected": preview(expected),
        }
        for case, expected in zip(prepared.cases, prepared.expected, strict=True)
        if case.sample
    ]


def grade(
    package: ProblemPackage,
    code: str,
    *,
    mode: Mode = Mode.SUBMIT,
    on_case: OnCase | None = None,
    sandbox: Sandbox | None = None,
) -> GradeResult:
    """Run ``code`` on the package's cases (samples only in run mode) and judge every output."""
    prepared = prepare(package)
    indices = prepared.indices(mode)
    limits = package.limits
    sandbox = sandbox or default_sandbox()
    inputs = prepared.encoded_inputs(indices)
    results: list[CaseResult] = []
    compile_errors: list[RawOutcome] = []

    def judge(outcome: RawOutcome) -> None:
        if outcome.status == "compile_error":
            compile_errors.append(outcome)
            return
        position = len(results)
        result = judge_case(prepared, indices[position], outcome)
        results.append(result)
        if on_case is not None:
            on_case(result, position, len(indices))

    try:
        sandbox.run(code=code, entry=package.entry, limits=limits, inputs=inputs, on_outcome=judge)
    except SandboxUnavailable:
        raise
    except ZygoteDied as error:
        sandbox.stop()
        return GradeResult(
            Verdict.INTERNAL_ERROR, 0.0, tuple(results), f"the sandbox failed: {error}", limits
        )
    if compile_errors:
        return GradeResult(Verdict.COMPILE_ERROR, 0.0, (), compile_errors[0].message, limits)
    score = sum(r.verdict == Verdict.ACCEPTED for r in results) / len(indices) if indices else 0.0
    return GradeResult(overall_verdict(results), score, tuple(results), "", limits)


def judge_case(prepared: PreparedProblem, index: int, outcome: RawOutcome) -> CaseResult:
    case = prepared.cases[index]
    expected = prepared.expected[index]
    verdict, message = _verdict_of(prepared, case, expected, outcome)
    diagnosis, diagnosis_text = "", ""
    if verdict == Verdict.WRONG_ANSWER and outcome.status == "ok":
        diagnosis, diagnosis_text = explain(
            prepared.checker, outcome.value, expected, case, prepared.package.checker.params
        )
    if not case.sample:
        message = _hidden_message(verdict, outcome, message)
    common = dict(
        diagnosis=diagnosis,
        diagnosis_text=diagnosis_text,
        name=case.name,
        sample=case.sample,
        verdict=verdict,
        cpu_time=round(outcome.cpu_time, 4),
        wall_time=round(outcome.wall_time, 4),
        memory_kb=outcome.memory_kb,
        message=message,
    )
    if not case.sample:
        return CaseResult(**common)  # type: ignore[arg-type]
    return CaseResult(
        **common,  # type: ignore[arg-type]
        input_preview={name: preview(value) for name, value in case.args.items()},
        expected_preview=preview(expected),
        actual_preview=preview(outcome.value) if outcome.status == "ok" else None,
        stdout=outcome.stdout.decode("utf-8", errors="replace"),
        actual=outcome.value if outcome.status == "ok" else None,
        expected=expected,
        inputs=case.args,
    )


def _verdict_of(
    prepared: PreparedProblem, case: Case, expected: Any, outcome: RawOutcome
) -> tuple[Verdict, str]:
    limits = prepared.package.limits
    status = outcome.status
    if status == "ok":
        check = run_checker(
            prepared.checker, outcome.value, expected, case, prepared.package.checker.params
        )
        if check.ok:
            return Verdict.ACCEPTED, check.message
        return Verdict.WRONG_ANSWER, check.message or "wrong answer"
    if status == "timeout":
        return Verdict.TIME_LIMIT_EXCEEDED, (
            f"used {outcome.cpu_time:.2f} s of CPU / {outcome.wall_time:.2f} s of wall time; "
            f"the limit is {limits.time_limit:g} s of CPU"
        )
    if status == "memory":
        return Verdict.MEMORY_LIMIT_EXCEEDED, f"the limit is {limits.memory_limit_mb} MiB"
    if status == "output_limit":
        return Verdict.OUTPUT_LIMIT_EXCEEDED, outcome.message
    if status == "bad_output":
        return Verdict.WRONG_ANSWER, f"returned {outcome.message}" if outcome.message else ""
    if status == "error":
        where = f" (solution.py line {outcome.line})" if outcome.line else ""
        return Verdict.RUNTIME_ERROR, f"{outcome.error_type}: {outcome.message}{where}"
    return Verdict.RUNTIME_ERROR, outcome.message or "the solution crashed"


def _hidden_message(verdict: Verdict, outcome: RawOutcome, message: str) -> str:
    """Hidden cases say what went wrong, never with their data (values, exception text)."""
    if verdict == Verdict.WRONG_ANSWER:
        return "wrong answer on a hidden case"
    if verdict == Verdict.RUNTIME_ERROR and outcome.status == "error":
        # The exception's name is the solution's to choose: only builtin names pass, so that
        # no data of the hidden case can ride out in a made-up class name.
        builtin = getattr(builtins, outcome.error_type, None)
        is_builtin = isinstance(builtin, type) and issubclass(builtin, BaseException)
        name = outcome.error_type if is_builtin else "an exception"
        where = f" at solution.py line {outcome.line}" if outcome.line else ""
        return f"{name} raised{where}"
    return message
