"""Time and memory of hidden cases cannot carry the case's data back to the candidate."""

import pytest

from graders import Mode, Verdict, grade
from graders.coding.usage import coarse

# Spends memory in proportion to the hidden input's first value: a channel, were figures exact.
ENCODES_IN_MEMORY = """
import numpy as np

def add_one(x):
    ballast = np.ones(int(x[0] if x.size else 0) * (1 << 18) + 1, dtype=np.uint8)
    ballast.sum()
    return x + 1
"""


def test_quarters_of_the_limit():
    assert coarse(0.01, 1.0) == 0.25
    assert coarse(0.25, 1.0) == 0.25
    assert coarse(0.3, 1.0) == 0.5
    assert coarse(0.99, 1.0) == 1.0
    assert coarse(7.0, 1.0) == 1.0
    assert coarse(float("nan"), 2.0) == 2.0


@pytest.mark.timeout(120)
def test_hidden_cases_report_only_the_quarter_of_the_limit(add_one):
    result = grade(add_one, ENCODES_IN_MEMORY, mode=Mode.SUBMIT)
    assert result.verdict == Verdict.ACCEPTED
    limit_kb = add_one.memory_limit_mb * 1024
    quarters_kb = {int(f * limit_kb) for f in (0.25, 0.5, 0.75, 1.0)}
    quarters_s = {f * add_one.time_limit for f in (0.25, 0.5, 0.75, 1.0)}
    for case in result.cases:
        if case.sample:
            assert not case.coarse
            continue
        assert case.coarse
        assert case.memory_kb in quarters_kb
        assert case.cpu_time in quarters_s
        assert case.to_dict()["coarse"] is True


@pytest.mark.timeout(120)
def test_a_hidden_time_out_does_not_say_how_long_it_ran(add_one):
    spins_on_hidden = (
        "def add_one(x):\n    if x.size > 5:\n        while True:\n            pass\n"
        "    return x + 1\n"
    )
    result = grade(add_one, spins_on_hidden, mode=Mode.SUBMIT)
    hidden = [case for case in result.cases if not case.sample]
    timed_out = [case for case in hidden if case.verdict == Verdict.TIME_LIMIT_EXCEEDED]
    assert timed_out
    assert all(case.message == "ran past the limit of 1 s of CPU" for case in timed_out)


@pytest.mark.timeout(120)
def test_the_authors_tools_see_exact_hidden_figures(add_one):
    # graders check and verify calibrate time limits from these figures; the site never asks.
    result = grade(add_one, ENCODES_IN_MEMORY, mode=Mode.SUBMIT, exact_usage=True)
    hidden = [case for case in result.cases if not case.sample]
    assert hidden and not any(case.coarse for case in hidden)
    limit_kb = add_one.memory_limit_mb * 1024
    assert any(
        case.memory_kb not in {int(f * limit_kb) for f in (0.25, 0.5, 0.75, 1.0)} for case in hidden
    )
