import numpy as np
import pytest

from graders.coding.casekit import Case
from graders.coding.checkers import (
    check_allclose,
    check_exact,
    check_image,
    check_partition,
    check_set,
    run_checker,
)

CASE = Case("c", {})


def outcome(checker, actual, expected, **params):
    return run_checker(checker, actual, expected, CASE, params)


def test_exact_accepts_equal_arrays_of_another_int_width():
    assert outcome(check_exact, np.array([1, 2], np.int32), np.array([1, 2], np.int64)).ok


def test_exact_names_the_first_differing_entry():
    result = outcome(check_exact, np.array([1, 5, 3]), np.array([1, 2, 3]))
    assert not result.ok
    assert "output[1]" in result.message and "5" in result.message


def test_exact_strict_dtype_refuses_another_width():
    result = outcome(
        check_exact, np.array([1], np.int32), np.array([1], np.int64), strict_dtype=True
    )
    assert not result.ok and "dtype" in result.message


def test_exact_refuses_wrong_shape_and_swapped_axes():
    expected = np.zeros((2, 3))
    assert "shape" in outcome(check_exact, np.zeros((3, 2)), expected).message


def test_exact_refuses_float_where_bool_expected():
    assert not outcome(check_exact, np.array([1.0]), np.array([True])).ok


def test_exact_compares_scalars_and_tuples():
    assert outcome(check_exact, (3, np.array([1])), (3, np.array([1]))).ok
    assert not outcome(check_exact, (4, np.array([1])), (3, np.array([1]))).ok
    assert not outcome(check_exact, 3.0 + 1e-9, 3.0).ok


def test_exact_accepts_integral_float_for_int_but_not_bool():
    assert outcome(check_exact, 127.0, 127).ok
    assert not outcome(check_exact, True, 1).ok


def test_allclose_respects_atol_and_rtol():
    expected = np.array([1.0, 2.0])
    assert outcome(check_allclose, expected + 1e-4, expected, atol=1e-3, rtol=0).ok
    result = outcome(check_allclose, expected + 1e-2, expected, atol=1e-3, rtol=0)
    assert not result.ok and "max abs error" in result.message


def test_allclose_nan_positions_must_match():
    expected = np.array([np.nan, 1.0])
    assert outcome(check_allclose, np.array([np.nan, 1.0]), expected).ok
    assert not outcome(check_allclose, np.array([0.0, 1.0]), expected).ok
    assert not outcome(check_allclose, np.array([np.nan, np.nan]), np.array([0.0, 1.0])).ok


def test_allclose_scalar_float():
    assert outcome(check_allclose, 0.5 + 1e-9, 0.5, atol=1e-6).ok
    assert not outcome(check_allclose, "0.5", 0.5).ok


def test_image_max_abs_and_psnr():
    expected = np.full((4, 4), 100, np.uint8)
    off_by_one = expected + np.uint8(1)
    assert outcome(check_image, off_by_one, expected, max_abs=1).ok
    assert not outcome(check_image, off_by_one, expected, max_abs=0).ok
    noisy = expected.astype(np.float64) + 0.5
    assert not outcome(check_image, noisy, expected.astype(np.float64), max_abs=1, min_psnr=60).ok


def test_image_refuses_nan_pixels():
    expected = np.zeros((2, 2))
    assert not outcome(check_image, np.full((2, 2), np.nan), expected, max_abs=1e9).ok


def test_set_ignores_row_order_but_not_multiplicity():
    expected = np.array([[1, 2], [3, 4]])
    assert outcome(check_set, np.array([[3, 4], [1, 2]]), expected).ok
    assert not outcome(check_set, np.array([[3, 4], [3, 4]]), expected).ok
    assert not outcome(check_set, np.array([[3, 4]]), expected).ok


def test_set_of_pairs_from_lists():
    assert outcome(check_set, [(1, 0), (0, 1)], [(0, 1), (1, 0)]).ok
    assert not outcome(check_set, [(1, 0)], [(0, 1), (1, 0)]).ok


def test_partition_accepts_relabelled_regions():
    expected = np.array([[1, 1, 0], [0, 2, 2]])
    relabelled = np.array([[7, 7, 0], [0, 3, 3]])
    assert outcome(check_partition, relabelled, expected).ok


def test_partition_refuses_merged_or_split_regions_and_moved_background():
    expected = np.array([[1, 1, 0], [0, 2, 2]])
    assert not outcome(check_partition, np.array([[1, 1, 0], [0, 1, 1]]), expected).ok
    assert not outcome(check_partition, np.array([[1, 2, 0], [0, 3, 3]]), expected).ok
    assert not outcome(check_partition, np.array([[1, 1, 1], [0, 2, 2]]), expected).ok


def test_partition_with_count_in_a_tuple():
    expected = (2, np.array([[1, 0, 2]]))
    assert outcome(check_partition, (2, np.array([[2, 0, 1]])), expected).ok
    assert not outcome(check_partition, (3, np.array([[2, 0, 1]])), expected).ok


@pytest.mark.parametrize("bad", [None, "text", [1, 2], {"a": 1}])
def test_malformed_outputs_are_wrong_answers_with_a_reason(bad):
    result = outcome(check_exact, bad, np.zeros((2, 2)))
    assert not result.ok and result.message


def test_zero_dimensional_array_counts_as_a_scalar():
    assert outcome(check_allclose, np.array(0.5), 0.5).ok
    assert outcome(check_exact, np.array(7), 7).ok
