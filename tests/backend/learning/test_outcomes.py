"""The rules that turn a graded submit into FSRS ratings, one concept at a time."""

from fsrs import Rating

from backend.learning import outcomes
from graders.coding.diagnosis import CODES


def test_accepted_at_the_first_submit_is_easy_and_struggle_lowers_the_rating():
    assert outcomes.rating_for("accepted", earlier_failures=0) == Rating.Easy
    assert outcomes.rating_for("accepted", earlier_failures=1) == Rating.Good
    assert outcomes.rating_for("accepted", earlier_failures=4) == Rating.Hard
    assert outcomes.rating_for("wrong_answer", earlier_failures=0) == Rating.Again
    assert outcomes.rating_for("time_limit_exceeded", earlier_failures=0) == Rating.Again


def test_a_border_failure_lapses_borders_even_on_a_problem_not_tagged_so():
    ratings = outcomes.concept_ratings(
        tags=["convolution"], verdict="wrong_answer", diagnoses=["border_only"], earlier_failures=0
    )
    assert ratings == {
        "convolution": (Rating.Again, ""),
        "borders": (Rating.Again, "border_only"),
        "padding": (Rating.Again, "border_only"),
    }


def test_an_accepted_submit_rates_only_its_tags():
    ratings = outcomes.concept_ratings(
        tags=["boxes"], verdict="accepted", diagnoses=["order_differs"], earlier_failures=0
    )
    assert ratings == {"boxes": (Rating.Easy, "")}


def test_diagnoses_are_read_from_failing_cases_once_each():
    result = {
        "cases": [
            {"verdict": "accepted", "diagnosis": ""},
            {"verdict": "wrong_answer", "diagnosis": "order_differs"},
            {"verdict": "wrong_answer", "diagnosis": "order_differs"},
            {"verdict": "wrong_answer", "diagnosis": "not-a-code"},
            {"verdict": "wrong_answer", "diagnosis": "rounding"},
        ]
    }
    assert outcomes.diagnoses_of(result) == ["order_differs", "rounding"]
    assert outcomes.diagnoses_of(None) == []


def test_every_mapped_failure_kind_is_a_diagnosis_code():
    assert set(outcomes.DIAGNOSIS_CONCEPTS) <= set(CODES)
    assert not outcomes.is_informative("internal_error")
    assert outcomes.is_informative("wrong_answer")
