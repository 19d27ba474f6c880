"""Each verdict the engine can give, through the real sandbox."""

import numpy as np
import pytest

from graders import Mode, Verdict, grade

ACCEPTED = "import numpy as np\ndef add_one(x):\n    return np.asarray(x) + 1\n"


def test_correct_solution_is_accepted_with_resources_measured(add_one):
    result = grade(add_one, ACCEPTED)
    assert result.verdict == Verdict.ACCEPTED and result.score == 1.0
    assert all(case.memory_kb > 0 and case.wall_time >= case.cpu_time * 0 for case in result.cases)
    assert result.limits is not None and result.limits.time_limit == 1.0


def test_run_mode_grades_only_samples(add_one):
    result = grade(add_one, ACCEPTED, mode=Mode.RUN)
    assert [case.sample for case in result.cases] == [True]


def test_wrong_answer_names_the_failing_sample_and_why(add_one):
    result = grade(add_one, "def add_one(x):\n    return x + 2\n")
    assert result.verdict == Verdict.WRONG_ANSWER
    first = result.cases[0]
    assert first.name == "example" and first.verdict == Verdict.WRONG_ANSWER
    assert "expected" in first.message
    assert first.actual_preview is not None and first.expected_preview is not None


def test_hidden_cases_carry_no_data(add_one):
    result = grade(add_one, "def add_one(x):\n    raise ValueError(str(list(x)))\n")
    hidden = [case for case in result.cases if not case.sample]
    assert hidden and all("[" not in case.message for case in hidden)
    for case in hidden:
        data = case.to_dict()
        assert "input_preview" not in data and "expected_preview" not in data
        assert data["stdout"] == ""


def test_infinite_loop_is_time_limit_exceeded(add_one):
    result = grade(add_one, "def add_one(x):\n    while True:\n        pass\n", mode=Mode.RUN)
    assert result.verdict == Verdict.TIME_LIMIT_EXCEEDED
    assert result.cases[0].cpu_time >= 0.9


def test_memory_bomb_is_memory_limit_exceeded(add_one):
    code = "import numpy as np\ndef add_one(x):\n    return np.ones((1 << 40,), np.uint8)\n"
    assert grade(add_one, code, mode=Mode.RUN).verdict == Verdict.MEMORY_LIMIT_EXCEEDED
    code = "def add_one(x):\n    junk = []\n    while True:\n        junk.append(' ' * 10**6)\n"
    assert grade(add_one, code, mode=Mode.RUN).verdict == Verdict.MEMORY_LIMIT_EXCEEDED


def test_syntax_error_is_compile_error_with_the_line(add_one):
    result = grade(add_one, "def add_one(x)\n    return x\n")
    assert result.verdict == Verdict.COMPILE_ERROR
    assert "line 1" in result.message and result.cases == ()


def test_exception_is_runtime_error_with_type_and_line(add_one):
    result = grade(add_one, "def add_one(x):\n    return 1 / 0\n", mode=Mode.RUN)
    assert result.verdict == Verdict.RUNTIME_ERROR
    assert "ZeroDivisionError" in result.cases[0].message and "line 2" in result.cases[0].message


def test_missing_entry_function_is_runtime_error(add_one):
    result = grade(add_one, "def something_else(x):\n    return x\n", mode=Mode.RUN)
    assert result.verdict == Verdict.RUNTIME_ERROR
    assert "add_one" in result.cases[0].message


def test_flooding_stdout_is_output_limit_exceeded(add_one):
    code = "def add_one(x):\n    while True:\n        print('x' * 4096)\n"
    assert grade(add_one, code, mode=Mode.RUN).verdict == Verdict.OUTPUT_LIMIT_EXCEEDED


def test_printed_output_of_a_sample_is_shown(add_one):
    code = "def add_one(x):\n    print('debug', len(x))\n    return x + 1\n"
    result = grade(add_one, code, mode=Mode.RUN)
    assert result.cases[0].stdout == "debug 5\n"


def test_progress_callback_sees_every_case_in_order(add_one):
    seen = []
    grade(add_one, ACCEPTED, on_case=lambda case, i, total: seen.append((case.name, i, total)))
    assert seen == [("example", 0, 3), ("big", 1, 3), ("empty", 2, 3)]


def test_a_crash_in_one_case_does_not_stop_the_others(add_one):
    code = (
        "import os\ndef add_one(x):\n    if len(x) == 0:\n        os._exit(1)\n    return x + 1\n"
    )
    result = grade(add_one, code)
    verdicts = [case.verdict for case in result.cases]
    assert verdicts == [Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.RUNTIME_ERROR]
    assert result.score == pytest.approx(2 / 3)


def test_solution_cannot_import_opencv_or_scipy(add_one):
    result = grade(add_one, "import cv2\ndef add_one(x):\n    return x + 1\n", mode=Mode.RUN)
    assert result.verdict == Verdict.RUNTIME_ERROR
    assert "ModuleNotFoundError" in result.cases[0].message


def test_grading_twice_gives_the_same_result(add_one):
    first = grade(add_one, ACCEPTED).to_dict()
    second = grade(add_one, ACCEPTED).to_dict()
    for result in (first, second):
        for case in result["cases"]:
            for key in ("cpu_time", "wall_time", "memory_kb"):
                case.pop(key)
    assert first == second
    assert np.isclose(first["score"], 1.0)
