"""Grading a submission: cases and expected outputs from the package, outputs from the sandbox,
verdicts from the checker. All judging happens here, in the trusted process."""

from __future__ import annotations

import builtins
import copy
import importlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from graders.coding.casekit import Case
from graders.coding.checkers import run_checker
from graders.coding.diagnosis import explain
from graders.coding.package import ProblemPackage
from graders.coding.prepared import PreparedProblem
from graders.coding.previews import preview
from graders.coding.usage import coarse
from graders.coding.verdicts import CaseResult, GradeResult, Mode, Verdict, overall_verdict
from graders.package import InvalidPackage
from graders.sandbox.bwrap import SandboxUnavailable
from graders.sandbox.limits import Limits
from graders.sandbox.runner import RawOutcome, Sandbox, ZygoteDied

__all__ = ["PreparedProblem", "grade", "judge_case", "prepare", "sample_cases"]

CACHE_SIZE = 6
OnCase = Callable[[CaseResult, int, int], None]
# Runtimes other than numpy, imported only when one of their problems is prepared (torch
# takes seconds and hundreds of MiB to import): runtime -> "module:function".
PREPARERS = {"torch": "graders.torchrt.judge:prepare_torch"}


def _prepare_other_runtime(package: ProblemPackage) -> PreparedProblem:
    module_name, function_name = PREPARERS[package.runtime].split(":")
    prepare_runtime = getattr(importlib.import_module(module_name), function_name)
    prepared: PreparedProblem = prepare_runtime(package)
    return prepared


_prepared: OrderedDict[tuple[str, str], PreparedProblem] = OrderedDict()


def prepare(package: ProblemPackage) -> PreparedProblem:
    """Generate cases and run the reference once per package version (kept in a small LRU)."""
    key = (str(package.path), package.fingerprint)
    if key in _prepared:
        _prepared.move_to_end(key)
        return _prepared[key]
    if package.runtime in PREPARERS:
        prepared = _prepare_other_runtime(package)
        _remember(key, prepared)
        return prepared
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
    _remember(key, prepared)
    return prepared


def _remember(key: tuple[str, str], prepared: PreparedProblem) -> None:
    _prepared[key] = prepared
    while len(_prepared) > CACHE_SIZE:
        _prepared.popitem(last=False)


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
    exact_usage: bool = False,
) -> GradeResult:
    """Run ``code`` on the package's cases (samples only in run mode) and judge every output.

    ``exact_usage`` reports the hidden cases' time and memory exactly: for the author's tools
    (``graders check`` and ``verify``, which calibrate limits), never for a candidate."""
    prepared = prepare(package)
    indices = prepared.indices(mode)
    limits = package.limits
    refused = prepared.refuse(code)
    if refused is not None:
        return GradeResult(refused[0], 0.0, (), refused[1], limits)
    sandbox = sandbox or prepared.sandbox()
    inputs = prepared.encoded_inputs(indices)
    results: list[CaseResult] = []
    compile_errors: list[RawOutcome] = []

    def judge(outcome: RawOutcome) -> None:
        if outcome.status == "compile_error":
            compile_errors.append(outcome)
            return
        position = len(results)
        result = judge_case(prepared, indices[position], outcome, exact_usage=exact_usage)
        results.append(result)
        if on_case is not None:
            on_case(result, position, len(indices))

    try:
        sandbox.run(
            code=code,
            entry=package.entry,
            limits=limits,
            inputs=inputs,
            on_outcome=judge,
            setup=prepared.setup,
        )
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


def judge_case(
    prepared: PreparedProblem, index: int, outcome: RawOutcome, *, exact_usage: bool = False
) -> CaseResult:
    case = prepared.cases[index]
    expected = prepared.expected[index]
    judged = prepared.judge_outcome(index, outcome)
    diagnosis, diagnosis_text = "", ""
    if judged is not None:  # a runtime that judges its own outcomes (torch), hidden cases too
        verdict, message = judged
    else:
        verdict, message = _verdict_of(prepared, case, expected, outcome)
        if verdict == Verdict.WRONG_ANSWER and outcome.status == "ok":
            diagnosis, diagnosis_text = explain(
                prepared.checker, outcome.value, expected, case, prepared.package.checker.params
            )
        if not case.sample:
            message = _hidden_message(verdict, outcome, message, prepared.package.limits)
    cpu_time, wall_time, memory_kb = outcome.cpu_time, outcome.wall_time, outcome.memory_kb
    coarsened = not case.sample and not exact_usage
    if coarsened:  # exact figures would let a solution spell out a hidden input
        limits = prepared.package.limits
        cpu_time = coarse(cpu_time, limits.time_limit)
        wall_time = coarse(wall_time, limits.wall_limit)
        memory_kb = int(coarse(memory_kb, limits.memory_limit_mb * 1024))
    common = dict(
        diagnosis=diagnosis,
        diagnosis_text=diagnosis_text,
        name=case.name,
        sample=case.sample,
        verdict=verdict,
        cpu_time=round(cpu_time, 4),
        wall_time=round(wall_time, 4),
        memory_kb=memory_kb,
        coarse=coarsened,
        message=message,
    )
    if not case.sample:
        return CaseResult(**common)  # type: ignore[arg-type]
    return CaseResult(
        **common,  # type: ignore[arg-type]
        input_preview={name: preview(value) for name, value in case.args.items()},
        expected_preview=preview(expected),
        actual_preview=preview(prepared.shown_value(outcome)) if outcome.status == "ok" else None,
        stdout=outcome.stdout.decode("utf-8", errors="replace"),
        actual=prepared.shown_value(outcome) if outcome.status == "ok" else None,
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


def _hidden_message(verdict: Verdict, outcome: RawOutcome, message: str, limits: Limits) -> str:
    """Hidden cases say what went wrong, never with their data (values, exception text, exact
    time: the seconds a solution chooses to burn are a channel too)."""
    if verdict == Verdict.WRONG_ANSWER:
        return "wrong answer on a hidden case"
    if verdict == Verdict.TIME_LIMIT_EXCEEDED:
        return f"ran past the limit of {limits.time_limit:g} s of CPU"
    if verdict == Verdict.RUNTIME_ERROR and outcome.status == "error":
        # The exception's name is the solution's to choose: only builtin names pass, so that
        # no data of the hidden case can ride out in a made-up class name.
        builtin = getattr(builtins, outcome.error_type, None)
        is_builtin = isinstance(builtin, type) and issubclass(builtin, BaseException)
        name = outcome.error_type if is_builtin else "an exception"
        where = f" at solution.py line {outcome.line}" if outcome.line else ""
        return f"{name} raised{where}"
    return message
