"""verify measures an accepted solution's time again when a loaded machine pushed it over the
limit, and never gives a time-limit gate a second chance."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import graders.coding.verify as verify
from graders.coding.verdicts import Verdict

FIXTURE = Path(__file__).parent / "fixtures" / "add_one"


@pytest.fixture
def first_runs_time_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The first grade of every solution reports time_limit_exceeded, as under heavy load."""
    real_grade = verify.grade
    seen: list[str] = []

    def grade(package, code, mode, **_options):  # type: ignore[no-untyped-def]
        result = real_grade(package, code, mode=mode)
        seen.append(code)
        if seen.count(code) == 1:
            return dataclasses.replace(result, verdict=Verdict.TIME_LIMIT_EXCEEDED)
        return result

    monkeypatch.setattr(verify, "grade", grade)
    return seen


def test_an_accepted_solution_slowed_by_load_is_measured_again(add_one, first_runs_time_out):
    report = verify.verify_package(FIXTURE)
    alt = (FIXTURE / "solutions/accepted/alt.py").read_text()
    assert first_runs_time_out.count(alt) == 2
    assert any("alt.py accepted" in note and "loaded" in note for note in report.notes)
    # A wrong answer that the fake load turned into a time-out is not re-run: it now fails.
    plus2 = (FIXTURE / "solutions/wrong_answer/plus2.py").read_text()
    assert first_runs_time_out.count(plus2) == 1
    assert any("plus2.py: got time_limit_exceeded" in problem for problem in report.problems)
