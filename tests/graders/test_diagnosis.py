"""Wrong answers explained by kind: each code on a constructed output, and no diagnosis where
the output is right (within tolerance) or where nothing explains it."""

from pathlib import Path

import numpy as np
import pytest

from graders.coding.casekit import Case, rng
from graders.coding.checkers import check_allclose, check_exact, check_image
from graders.coding.diagnosis import CODES, SENTENCES, diagnose, explain
from graders.coding.engine import PreparedProblem, judge_case
from graders.coding.package import load_package
from graders.coding.verdicts import Verdict
from graders.sandbox.runner import RawOutcome

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
CASE = Case("constructed", {}, sample=True)
HIDDEN = Case("constructed", {}, sample=False)
EXACT: dict = {}
CLOSE = {"atol": 1e-6, "rtol": 1e-6}


def image(height=24, width=32, channels=None, seed=0):
    shape = (height, width) if channels is None else (height, width, channels)
    return rng(seed).integers(0, 256, shape).astype(np.uint8)


def floats(shape, seed=1):
    return rng(seed).normal(size=shape)


def shift(values, dy, dx):
    """A real one-pixel shift: the line that moves in from outside is zero, not wrapped."""
    moved = np.roll(values, (dy, dx), axis=(0, 1))
    if dy:
        moved[0 if dy > 0 else -1, :] = 0
    if dx:
        moved[:, 0 if dx > 0 else -1] = 0
    return moved


def code_of(actual, expected, checker=check_exact, params=EXACT, case=CASE):
    found = diagnose(checker, actual, expected, case, params)
    return found.code if found else None


def test_every_code_has_a_sentence():
    assert set(CODES) == set(SENTENCES)
    assert len(CODES) == 12


def test_transposed():
    expected = floats((5, 7))
    assert code_of(expected.T.copy(), expected, check_allclose, CLOSE) == "transposed"


def test_channels_reversed():
    expected = image(channels=3)
    assert code_of(expected[..., ::-1].copy(), expected, check_image, {}) == "channels_reversed"


@pytest.mark.parametrize(("dy", "dx", "along"), [(0, 1, "x"), (1, 0, "y"), (-1, -1, "x and y")])
def test_shifted_by_one_pixel(dy, dx, along):
    expected = floats((20, 30))
    actual = shift(expected, dy, dx)
    found = diagnose(check_allclose, actual, expected, CASE, CLOSE)
    assert found is not None and found.code == "shifted"
    assert found.detail.endswith(f"along {along}")


def test_uint8_wraparound():
    expected = rng(2).integers(-300, 300, (10, 10)).astype(np.int64)
    actual = (expected % 256).astype(np.uint8)
    assert code_of(actual, expected) == "uint8_wraparound"


def test_scaled_by_255_both_ways():
    expected = image()
    assert code_of(expected / 255.0, expected, check_image, {}) == "scaled_255"
    unit = floats((6, 6)) ** 2
    assert code_of(unit * 255.0, unit, check_allclose, CLOSE) == "scaled_255"


def test_rounding_uses_the_problems_unrounded_values():
    package = load_package(PROBLEMS / "equalize_hist")
    checker = package.module("checker").check
    picture = rng(3).integers(40, 90, (16, 16)).astype(np.uint8)
    case = Case("c", {"image": picture}, sample=True)
    expected = package.reference()(picture)
    table = package.module("checker").exact_table(picture)
    floored = np.floor(table).astype(np.uint8)[picture]
    found = diagnose(checker, floored, expected, case, {})
    assert found is not None and (found.code, found.detail) == ("rounding", "rounded down (floor)")
    ceiled = np.ceil(table).astype(np.uint8)[picture]
    assert diagnose(checker, ceiled, expected, case, {}).detail == "rounded up (ceil)"


def test_order_differs_for_indices_and_rows():
    expected = [4, 0, 3, 1]
    assert code_of(sorted(expected), expected) == "order_differs"
    rows = floats((6, 3))
    assert code_of(rows[::-1].copy(), rows, check_allclose, CLOSE) == "order_differs"


def test_order_differs_for_the_items_of_a_tuple():
    gx, gy = floats((8, 8), seed=4), floats((8, 8), seed=5)
    found = diagnose(check_allclose, (gy, gx), (gx, gy), CASE, CLOSE)
    assert found is not None and found.code == "order_differs"


def test_off_by_one():
    expected = np.array([3, 0, 7, 2])
    assert code_of(expected + 1, expected) == "off_by_one"


def test_xywh_instead_of_xyxy():
    corners = rng(6).uniform(0, 50, (5, 2))
    sizes = rng(7).uniform(1, 20, (5, 2))
    expected = np.concatenate([corners, corners + sizes], axis=1)
    actual = np.concatenate([corners, sizes], axis=1)
    assert code_of(actual, expected, check_allclose, CLOSE) == "xywh_xyxy"


def test_dtype():
    expected = np.array([1, 0, 2, 5], dtype=np.int64)
    assert code_of(expected.astype(np.float64), expected) == "dtype"


def test_sign_flipped_on_both_items_of_a_tuple():
    gx, gy = floats((8, 8), seed=8), floats((8, 8), seed=9)
    assert code_of((-gx, -gy), (gx, gy), check_allclose, CLOSE) == "sign_flipped"


def test_border_only():
    expected = floats((40, 40))
    actual = expected.copy()
    actual[:2, :] = 0
    actual[:, -1] = 0
    found = diagnose(check_allclose, actual, expected, CASE, CLOSE)
    assert found is not None and found.code == "border_only"
    assert found.detail == "within 2 pixels of the edge"


def test_no_border_diagnosis_when_the_interior_is_flat():
    # An output wrong only near the edge of a blank image is no evidence about the interior.
    expected = np.zeros((40, 40))
    actual = expected.copy()
    actual[0, 5] = 1.0
    assert code_of(actual, expected, check_allclose, CLOSE) is None


def test_within_tolerance_is_not_diagnosed():
    expected = floats((10, 10))
    assert code_of(expected + 1e-9, expected, check_allclose, CLOSE) is None
    assert code_of(expected.astype(np.float32), expected, check_allclose, CLOSE) is None


def test_an_unexplained_wrong_answer_gets_no_diagnosis():
    expected = floats((10, 10))
    assert code_of(floats((10, 10), seed=99), expected, check_allclose, CLOSE) is None


def test_a_single_number_one_away_is_not_called_off_by_one():
    # One number carries no evidence: a mean grey level one away from Otsu's is a coincidence.
    assert code_of(101, 100) is None
    assert code_of(np.int64(101), np.int64(100)) is None
    # nor one index of a pair (associate's [track, detection] pairs)
    assert code_of([(0, 2), (1, 4)], [(0, 2), (1, 3)]) is None


def test_a_count_one_away_beside_right_labels_is_off_by_one():
    # connected_components counting the background as a label (OpenCV's convention).
    labels = np.array([[0, 1, 1], [0, 0, 2], [3, 0, 2]], np.int32)
    assert code_of((4, labels), (3, labels)) == "off_by_one"
    wrong_labels = labels.copy()
    wrong_labels[0, 0] = 3
    assert code_of((4, wrong_labels), (3, labels)) is None  # the labels are wrong too


def test_hidden_cases_get_the_hypothesis_sentence_only():
    expected = floats((20, 30))
    actual = shift(expected, 0, 1)
    assert explain(check_allclose, actual, expected, HIDDEN, CLOSE) == (
        "shifted",
        SENTENCES["shifted"],
    )
    code, sentence = explain(check_allclose, actual, expected, CASE, CLOSE)
    assert sentence == SENTENCES["shifted"] + ": along x"


def test_the_case_result_carries_the_diagnosis_and_serialises_it():
    package = load_package(PROBLEMS / "box_iou")
    expected = floats((3, 2))
    prepared = PreparedProblem(package, [HIDDEN], [expected])
    result = judge_case(prepared, 0, RawOutcome(status="ok", value=expected.T.copy()))
    assert result.verdict == Verdict.WRONG_ANSWER
    data = result.to_dict()
    assert data["diagnosis"] == "transposed"
    assert data["diagnosis_text"] == SENTENCES["transposed"]
    assert data["message"] == "wrong answer on a hidden case"
    accepted = judge_case(prepared, 0, RawOutcome(status="ok", value=expected + 1e-12))
    assert accepted.verdict == Verdict.ACCEPTED and accepted.diagnosis == ""
