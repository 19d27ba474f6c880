import numpy as np
import pytest

from graders import Verdict
from graders.coding.custom import CustomInputError, grade_custom, parse_custom_input

ACCEPTED = "def add_one(x):\n    return x + 1\n"


def test_json_and_python_literals_are_shaped_like_the_sample(add_one):
    args = parse_custom_input(add_one, '{"x": [1, 2, 3]}')
    assert args["x"].dtype == np.int64 and args["x"].tolist() == [1, 2, 3]
    assert parse_custom_input(add_one, "{'x': []}")["x"].shape == (0,)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "object mapping"),
        ('{"y": [1]}', "unknown argument"),
        ("{}", "missing argument"),
        ('{"x": [[1], [2]]}', "dimensions"),
        ('{"x": [1.5]}', "integers"),
        ('{"x": "abc"}', "expected an array"),
        ("__import__('os').system('true')", "JSON object or a Python dict"),
        ('{"x": [1, [2]]}', "rectangular"),
        ('{"x": [0] * 10}', "JSON object or a Python dict"),
    ],
)
def test_bad_custom_input_says_what_is_wrong(add_one, text, message):
    with pytest.raises(CustomInputError, match=message):
        parse_custom_input(add_one, text)


def test_oversized_custom_input_is_refused(add_one):
    with pytest.raises(CustomInputError, match="KiB"):
        parse_custom_input(add_one, '{"x": [' + "1," * 40000 + "1]}")


def test_custom_case_is_judged_against_the_reference(add_one):
    result = grade_custom(add_one, ACCEPTED, '{"x": [5, 6]}')
    assert result.verdict == Verdict.ACCEPTED
    case = result.cases[0]
    assert case.name == "custom" and case.expected_preview["array"]["data"] == [6, 7]
    wrong = grade_custom(add_one, "def add_one(x):\n    return x\n", '{"x": [5, 6]}')
    assert wrong.verdict == Verdict.WRONG_ANSWER and "expected" in wrong.cases[0].message


def test_custom_case_reports_compile_errors(add_one):
    result = grade_custom(add_one, "def add_one(:\n", '{"x": [1]}')
    assert result.verdict == Verdict.COMPILE_ERROR


@pytest.mark.parametrize(
    "text",
    [
        "[" * 30000 + "]" * 30000,  # 60 KB of brackets: the JSON parser's recursion runs out
        "(" * 30000 + ")" * 30000,
        '{"x": ' + "[" * 20000 + "]" * 20000 + "}",
    ],
)
def test_deeply_nested_custom_input_is_refused_not_a_crash(add_one, text):
    with pytest.raises(CustomInputError, match="JSON object|nested too deeply"):
        parse_custom_input(add_one, text)
