"""A grade that fails half-way never leaves the sandbox unusable for the next one."""

import pytest

from graders import Mode, Verdict, grade
from graders.sandbox import runner
from graders.sandbox.runner import Sandbox

ADD_ONE = "def add_one(x):\n    return x + 1\n"


class ProgressStoreFailed(Exception):
    """What a database refusing the progress row looks like from the engine."""


@pytest.fixture
def sandbox():
    box = Sandbox()
    yield box
    box.stop()


@pytest.mark.timeout(120)
def test_a_raising_progress_callback_releases_the_sandbox_for_the_next_grade(add_one, sandbox):
    def refuse(case, index, total):
        raise ProgressStoreFailed("jsonb refused Infinity")

    held = []  # as a task runner's logging does: the traceback, and its frames, stay alive
    try:
        grade(add_one, ADD_ONE, mode=Mode.SUBMIT, on_case=refuse, sandbox=sandbox)
    except ProgressStoreFailed as error:
        held.append(error)
    assert held and held[0].__traceback__ is not None

    assert not sandbox.lock.locked()
    result = grade(add_one, ADD_ONE, mode=Mode.SUBMIT, sandbox=sandbox)
    assert result.verdict == Verdict.ACCEPTED


@pytest.mark.timeout(120)
def test_a_raising_callback_leaves_no_solution_process_behind(add_one, sandbox):
    def refuse(case, index, total):
        raise ProgressStoreFailed("stop")

    with pytest.raises(ProgressStoreFailed):
        grade(add_one, ADD_ONE, mode=Mode.SUBMIT, on_case=refuse, sandbox=sandbox)
    sandbox.settle()
    assert sandbox.zygote_host_pid is not None
    assert runner._children(sandbox.zygote_host_pid) == []


@pytest.mark.timeout(120)
def test_a_time_out_is_measured_again_before_it_stands(add_one, sandbox, monkeypatch):
    """The first run of a case is slow (a cold machine); its second run decides."""
    calls = {"runs": 0}
    real_run_case = runner._Session._run_case

    def cold_first(self, tree, blobs):
        calls["runs"] += 1
        if calls["runs"] == 1:
            self._kill_and_reap()
            return runner.RawOutcome("timeout", cpu_time=add_one.time_limit + 0.05)
        return real_run_case(self, tree, blobs)

    monkeypatch.setattr(runner._Session, "_run_case", cold_first)
    result = grade(add_one, ADD_ONE, mode=Mode.SUBMIT, sandbox=sandbox)
    assert result.verdict == Verdict.ACCEPTED


@pytest.mark.timeout(120)
def test_a_real_time_out_still_stands_after_being_measured_again(add_one, sandbox):
    spin = "def add_one(x):\n    while True:\n        pass\n"
    result = grade(add_one, spin, mode=Mode.RUN, sandbox=sandbox)
    assert result.verdict == Verdict.TIME_LIMIT_EXCEEDED
    assert all(case.verdict == Verdict.TIME_LIMIT_EXCEEDED for case in result.cases)
