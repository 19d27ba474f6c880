"""``python -m graders diagnose-report problems/``: how well the diagnoses explain the catalog's
own wrong solutions.

Each file under solutions/wrong_answer/ may say, in its header, which diagnosis its mistake
deserves (``# Diagnosis: rounding``); a file without that line expects none. Every wrong-answer
case of every file is diagnosed; a file is *correct* when some case names its diagnosis and no
case names another, *wrong* when any case names a diagnosis it does not deserve, *missed* when
it deserves one and no case names it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from graders.coding.diagnosis import CODES
from graders.coding.engine import grade
from graders.coding.package import load_package
from graders.coding.verdicts import Mode, Verdict
from graders.package import discover, package_kind

LABEL = re.compile(r"^#\s*Diagnosis:\s*(\w+)", re.MULTILINE)


@dataclass(frozen=True)
class SolutionReport:
    path: Path
    expected: str  # "" when the mistake is none of the hypotheses
    found: tuple[str, ...]  # the diagnosis of each wrong-answer case ("" for none)

    @property
    def named(self) -> set[str]:
        return {code for code in self.found if code}

    @property
    def outcome(self) -> str:
        if self.named - {self.expected}:
            return "wrong"
        if self.expected and self.expected in self.named:
            return "correct"
        return "missed" if self.expected else "none"


def expected_diagnosis(source: str) -> str:
    match = LABEL.search(source)
    if match is None:
        return ""
    if match.group(1) not in CODES:
        raise ValueError(f"unknown diagnosis {match.group(1)!r}; one of {', '.join(CODES)}")
    return match.group(1)


def report_solution(package_path: Path, solution: Path) -> SolutionReport:
    package = load_package(package_path)
    source = solution.read_text()
    result = grade(package, source, mode=Mode.SUBMIT)
    found = tuple(case.diagnosis for case in result.cases if case.verdict == Verdict.WRONG_ANSWER)
    return SolutionReport(solution, expected_diagnosis(source), found)


def run(root: Path, only: set[str] | None = None) -> list[SolutionReport]:
    reports = []
    for path in discover(root):
        if package_kind(path) != "coding" or (only and path.name not in only):
            continue
        for solution in sorted((path / "solutions" / "wrong_answer").glob("*.py")):
            report = report_solution(path, solution)
            reports.append(report)
            counts = Counter(code or "-" for code in report.found)
            seen = ", ".join(f"{code} x{n}" for code, n in sorted(counts.items()))
            print(
                f"{report.outcome:<8} {path.name}/{solution.name}: expected "
                f"{report.expected or '-'}; cases: {seen or 'no wrong answer'}",
                flush=True,
            )
    return reports


def summary(reports: list[SolutionReport]) -> str:
    outcomes = Counter(report.outcome for report in reports)
    diagnosed = sum(1 for report in reports if report.named)
    deserving = sum(1 for report in reports if report.expected)
    return (
        f"{len(reports)} wrong solutions; {deserving} have a mistake in the list; "
        f"{diagnosed} got a diagnosis; {outcomes['correct']} correct, {outcomes['wrong']} wrong, "
        f"{outcomes['missed']} missed; {outcomes['none']} without a listed mistake got none"
    )
