"""Torch problems through the real sandbox: outputs and input gradients judged in the trusted
process, forbidden calls refused, inputs checked for in-place changes."""

import shutil

from graders import Mode, Verdict, grade, load_package

ACCEPTED = """
import torch

def scaled_add(x, y, alpha, bias):
    out = alpha * x + y
    if bias is not None:
        out = out + bias
    return out, torch.argmax(out, dim=1)
"""


def variant(body: str) -> str:
    """A solution whose first output is computed by ``body`` (which sets ``out``)."""
    lines = "\n".join("    " + line for line in body.strip().splitlines())
    return (
        "import torch\n\ndef scaled_add(x, y, alpha, bias):\n"
        f"{lines}\n"
        "    return out, out.argmax(-1)\n"
    )


def test_correct_solution_with_tuple_output_and_none_argument_is_accepted(scaled_add):
    result = grade(scaled_add, ACCEPTED)
    assert result.verdict == Verdict.ACCEPTED, result.to_dict()
    assert result.score == 1.0 and len(result.cases) == 5
    example = result.cases[0]
    assert example.input_preview is not None and example.input_preview["bias"] is None
    assert example.actual_preview["tuple"][1]["array"]["dtype"] == "int64"


def test_wrong_values_name_the_output_index_and_tolerance(scaled_add):
    result = grade(
        scaled_add, variant("out = x + alpha * y\nif bias is not None:\n    out = out + bias")
    )
    assert result.verdict == Verdict.WRONG_ANSWER
    message = result.cases[0].message
    assert (
        message.startswith("output 0: max error") and "tolerance" in message and " at [" in message
    )


def test_int64_output_with_another_dtype_is_wrong(scaled_add):
    code = ACCEPTED.replace("torch.argmax(out, dim=1)", "torch.argmax(out, dim=1).int()")
    result = grade(scaled_add, code, mode=Mode.RUN)
    assert result.cases[0].message == "output 1: dtype int32, expected int64"


def test_wrong_shape_says_both_shapes(scaled_add):
    code = ACCEPTED.replace("torch.argmax(out, dim=1)", "torch.argmax(out, dim=1)[None]")
    result = grade(scaled_add, code, mode=Mode.RUN)
    assert result.cases[0].message == "output 1: shape (1, 2) expected (2,)"


def test_single_tensor_where_a_tuple_is_expected(scaled_add):
    code = "def scaled_add(x, y, alpha, bias):\n    return alpha * x + y\n"
    result = grade(scaled_add, code, mode=Mode.RUN)
    assert result.cases[0].message == "returned one tensor, expected a tuple of 2 tensors"


def test_wrong_gradient_is_reported_with_where_and_by_how_much(scaled_add):
    # Right forward, wrong backward: a custom Function that forgets alpha in dx.
    code = """
import torch

class ScaledAdd(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y, alpha):
        return alpha * x + y

    @staticmethod
    def backward(ctx, grad):
        return grad, grad, None

def scaled_add(x, y, alpha, bias):
    out = ScaledAdd.apply(x, y, alpha)
    if bias is not None:
        out = out + bias
    return out, out.argmax(-1)
"""
    result = grade(scaled_add, code, mode=Mode.RUN)
    assert result.verdict == Verdict.WRONG_ANSWER
    assert result.cases[0].message.startswith("grad of x: max error")


def test_detached_input_is_a_missing_gradient(scaled_add):
    result = grade(scaled_add, variant("out = alpha * x.detach() + y"), mode=Mode.RUN)
    assert result.cases[0].message.startswith("grad of x: missing")


def test_input_no_gradient_reaches_is_wrong_even_where_its_gradient_is_zero(scaled_add):
    # With alpha = 0 the true grad of x is zeros; a fresh y * 1.0 leaves x off the graph.
    result = grade(scaled_add, variant("out = alpha * x + y if alpha else y * 1.0"))
    by_name = {case.name: case for case in result.cases}
    assert by_name["hidden_big"].verdict == Verdict.ACCEPTED
    assert by_name["alpha_0"].verdict == Verdict.WRONG_ANSWER
    assert by_name["alpha_0"].message.startswith(
        "grad of x: missing: no gradient reached `x`: the output does not depend on it through "
        "autograd"
    )


def test_output_of_the_wrong_shape_is_a_wrong_answer_not_a_failed_backward(scaled_add):
    # G has the expected shape; backward with it would raise inside the harness.
    result = grade(scaled_add, variant("out = (alpha * x + y)[None]"), mode=Mode.RUN)
    assert result.cases[0].verdict == Verdict.WRONG_ANSWER
    assert result.cases[0].message == "output 0: shape (1, 2, 3) expected (2, 3)"


def test_forward_only_case_does_not_check_gradients(scaled_add):
    result = grade(
        scaled_add,
        variant("out = alpha * x.detach() + y\nif bias is not None:\n    out = out + bias"),
    )
    by_name = {case.name: case for case in result.cases}
    assert by_name["forward_only"].verdict == Verdict.ACCEPTED
    assert by_name["hidden_big"].verdict == Verdict.WRONG_ANSWER


def test_modifying_an_input_in_place_is_wrong_even_with_right_outputs(scaled_add):
    code = variant(
        "out = alpha * x + y\nif bias is not None:\n    bias.add_(1.0)\n    out = out + bias - 1.0"
    )
    result = grade(scaled_add, code, mode=Mode.RUN)
    assert result.cases[0].verdict == Verdict.ACCEPTED  # no bias in the first sample
    assert result.cases[1].message == (
        "modifies its input bias in place (inputs must be left unchanged)"
    )


def test_hidden_cases_say_what_is_wrong_without_values(scaled_add):
    result = grade(scaled_add, variant("out = alpha * x + y + 1e-3"))
    hidden = [case for case in result.cases if not case.sample]
    assert hidden and all(case.message == "output 0: wrong values" for case in hidden)


def test_forbidden_name_in_the_source_is_refused_before_running(scaled_add):
    code = "from torch.nn.functional import hardtanh as clip\n" + ACCEPTED
    result = grade(scaled_add, code)
    assert result.verdict == Verdict.FORBIDDEN and result.cases == ()
    assert result.message == (
        "uses torch.nn.functional.hardtanh, which this problem asks you to implement"
    )


def test_forbidden_call_hidden_from_the_scan_is_caught_when_called(scaled_add):
    code = variant("lerp = getattr(torch, 'le' + 'rp')\nout = lerp(y, alpha * x + y, 1.0)")
    result = grade(scaled_add, code, mode=Mode.RUN)
    assert result.verdict == Verdict.FORBIDDEN
    assert result.cases[0].message == "uses torch.lerp, which this problem asks you to implement"


def test_forbidden_call_at_import_time_is_caught(scaled_add):
    code = (
        "import importlib, torch\n"
        "nnf = importlib.import_module('torch.nn.' + 'functional')\n"
        "getattr(nnf, 'hard' + 'tanh')(torch.zeros(1))\n" + ACCEPTED
    )
    result = grade(scaled_add, code, mode=Mode.RUN)
    assert result.verdict == Verdict.FORBIDDEN
    assert "torch.nn.functional.hardtanh" in result.cases[0].message


def test_forbidden_aten_operator_is_caught_on_every_path(scaled_add):
    # torch.ops.aten.lerp and the C++ binding both reach aten::lerp's raising CPU kernel;
    # catching ForbiddenCall (a BaseException) and falling back does not hide it either.
    code = variant(
        "ops = getattr(torch, 'ops')\n"
        "try:\n"
        "    out = getattr(ops.aten, 'le' + 'rp').Scalar(y, alpha * x + y, 1.0)\n"
        "except BaseException:\n"
        "    out = alpha * x + y"
    )
    result = grade(scaled_add, code, mode=Mode.RUN)
    assert result.verdict == Verdict.FORBIDDEN


def test_next_submission_after_a_forbidden_one_is_accepted(scaled_add):
    grade(scaled_add, variant("out = getattr(torch, 'lerp')(y, alpha * x + y, 1.0)"))
    assert grade(scaled_add, ACCEPTED).verdict == Verdict.ACCEPTED


def test_a_case_with_its_own_tolerance_is_judged_by_it(scaled_add, tmp_path):
    target = tmp_path / "scaled_add"
    shutil.copytree(scaled_add.path, target)
    cases = target / "cases.py"
    cases.write_text(
        cases.read_text().replace(
            'extra={"check_grad": False}',
            'extra={"check_grad": False, "tolerance": {"atol": 1e-2}}',
        )
    )
    body = "out = alpha * x + y + 1e-3\nif bias is not None:\n    out = out + bias"
    result = grade(load_package(target), variant(body))
    by_name = {case.name: case.verdict for case in result.cases}
    assert by_name["forward_only"] == Verdict.ACCEPTED
    assert by_name["hidden_big"] == Verdict.WRONG_ANSWER
