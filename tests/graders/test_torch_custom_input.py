"""Custom input on torch problems: parsed and shaped in the trusted process like numpy's, the
tensors of the contract's dtypes, the solution run in the torch sandbox and judged on outputs
and input gradients against the reference run in a limited child."""

from pathlib import Path

import numpy as np
import pytest

from graders import Verdict, load_package
from graders.coding.custom import CustomInputError, grade_custom, parse_custom_input

REPO = Path(__file__).resolve().parents[2]
REFERENCE = (Path(__file__).parent / "fixtures" / "scaled_add" / "reference.py").read_text()
WITHOUT_BIAS = '{"x": [[1, 2]], "y": [[3, 4]], "alpha": 2.0, "bias": null}'
WITH_BIAS = '{"x": [[1, 2]], "y": [[3, 4]], "alpha": 2, "bias": [0.5, 7]}'


def test_tensors_take_the_cases_dtypes_and_an_argument_may_be_none_or_an_array(scaled_add):
    args = parse_custom_input(scaled_add, WITH_BIAS)
    assert args["x"].dtype == np.float32 and args["bias"].dtype == np.float32
    assert args["alpha"] == 2.0 and isinstance(args["alpha"], float)
    assert parse_custom_input(scaled_add, WITHOUT_BIAS)["bias"] is None


def test_argument_sets_of_other_cases_are_accepted_and_strings_and_groups_are_shaped():
    box_coder = load_package(REPO / "problems" / "box_coder")
    decode = parse_custom_input(
        box_coder,
        '{"mode": "decode", "weights": [10, 10, 5, 5], "rel_codes": [[0, 0, 0, 0]],'
        ' "boxes": [[0, 0, 4, 4]]}',
    )
    assert decode["mode"] == "decode" and decode["weights"] == (10.0, 10.0, 5.0, 5.0)
    assert decode["rel_codes"].dtype == np.float32 and decode["rel_codes"].shape == (1, 4)
    with pytest.raises(CustomInputError, match="missing argument"):
        parse_custom_input(box_coder, '{"mode": "decode", "weights": [1, 1, 1, 1]}')
    with pytest.raises(CustomInputError, match="a list of 4 values"):
        parse_custom_input(
            box_coder,
            '{"mode": "encode", "weights": [1, 1], "reference_boxes": [], "proposals": []}',
        )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"x": [[1.5]], "y": [[1.0]], "alpha": 1.0, "bias": null, "z": 1}', "unknown argument"),
        ('{"x": [1, 2], "y": [[3, 4]], "alpha": 1.0, "bias": null}', "dimensions"),
        ('{"x": [[1, 2]], "y": [[3, 4]], "alpha": "big", "bias": null}', "expected a number"),
        ('{"x": [[1, 2]], "y": [[3, 4]], "alpha": 1.0, "bias": "none"}', "expected an array"),
    ],
)
def test_bad_torch_custom_input_says_what_is_wrong(scaled_add, text, message):
    with pytest.raises(CustomInputError, match=message):
        parse_custom_input(scaled_add, text)


def test_integer_and_bool_tensors_are_checked_like_numpy_arrays():
    kd_loss = load_package(REPO / "problems" / "kd_loss")
    text = (
        '{"student_logits": [[1, 2]], "teacher_logits": [[0, 1]], "labels": %s,'
        ' "T": 2, "alpha": 0.5}'
    )
    assert parse_custom_input(kd_loss, text % "[1]")["labels"].dtype == np.int64
    with pytest.raises(CustomInputError, match="integers"):
        parse_custom_input(kd_loss, text % "[0.5]")
    attention = load_package(REPO / "problems" / "multihead_attention")
    sample = {
        "query": [[[1, 0]]],
        "key": [[[1, 0]]],
        "value": [[[1, 0]]],
        "in_proj_weight": [[1, 0]] * 6,
        "in_proj_bias": [0] * 6,
        "out_proj_weight": [[1, 0], [0, 1]],
        "out_proj_bias": [0, 0],
        "num_heads": 1,
    }
    mask = parse_custom_input(attention, str({**sample, "key_padding_mask": [[False]]}))
    assert mask["key_padding_mask"].dtype == np.bool_
    assert (
        parse_custom_input(attention, str({**sample, "key_padding_mask": None}))["key_padding_mask"]
        is None
    )
    with pytest.raises(CustomInputError, match="true or false"):
        parse_custom_input(attention, str({**sample, "key_padding_mask": [[2]]}))


def test_torch_custom_case_is_judged_on_outputs_and_gradients(scaled_add):
    accepted = grade_custom(scaled_add, REFERENCE, WITH_BIAS)
    assert accepted.verdict == Verdict.ACCEPTED, accepted
    case = accepted.cases[0]
    assert case.name == "custom" and case.sample
    assert case.expected_preview["tuple"][0]["array"]["data"] == [[5.5, 15.0]]
    wrong = grade_custom(
        scaled_add, REFERENCE.replace("alpha=alpha", "alpha=alpha * 1.01"), WITH_BIAS
    )
    assert wrong.verdict == Verdict.WRONG_ANSWER and "output 0" in wrong.cases[0].message
    detached = REFERENCE.replace("torch.add(y, x, alpha=alpha)", "y + alpha * x.detach()")
    no_grad = grade_custom(scaled_add, detached, WITHOUT_BIAS)
    assert no_grad.verdict == Verdict.WRONG_ANSWER and "grad of x" in no_grad.cases[0].message


def test_forbidden_calls_are_refused_on_custom_input_too(scaled_add):
    named = (
        "import torch\ndef scaled_add(x, y, alpha, bias):\n"
        "    return torch.lerp(x, y, 0.5), x.argmax(-1)\n"
    )
    assert grade_custom(scaled_add, named, WITHOUT_BIAS).verdict == Verdict.FORBIDDEN
    hidden = named.replace("torch.lerp(", "getattr(torch, 'le' + 'rp')(")
    result = grade_custom(scaled_add, hidden, WITHOUT_BIAS)
    assert result.verdict == Verdict.FORBIDDEN and "torch.lerp" in result.cases[0].message


def test_input_the_reference_rejects_is_a_custom_input_error(scaled_add):
    with pytest.raises(CustomInputError, match="outside the problem's constraints"):
        grade_custom(
            scaled_add, REFERENCE, '{"x": [[1, 2]], "y": [[3, 4, 5]], "alpha": 1.0, "bias": null}'
        )


def test_contract_loosened_tolerance_applies_to_a_custom_case_of_that_kind():
    from graders import prepare
    from graders.coding.casekit import Case

    box_coder = load_package(REPO / "problems" / "box_coder")
    prepared = prepare(box_coder)
    args = parse_custom_input(
        box_coder,
        '{"mode": "decode", "weights": [1, 1, 1, 1], "rel_codes": [[0, 0, 0, 0]],'
        ' "boxes": [[0, 0, 4, 4]]}',
    )
    case = Case("custom", args, sample=True)
    single = prepared.one_case(case, prepared.run_reference(case))
    assert single.case_spec(0).output.atol == pytest.approx(1e-2)
