"""What a graded submit says about each concept: a rating for the scheduler.

Pure functions of the verdict, the result's diagnoses and the candidate's earlier tries, so the
rules can be read (and tested) in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fsrs import Rating

from graders.coding.diagnosis import CODES
from graders.coding.verdicts import Verdict

# Verdicts that say nothing about the candidate: the platform failed, or nothing ran.
UNINFORMATIVE_VERDICTS = frozenset({"internal_error", "skipped", "invalid_input"})

# A wrong answer explained by kind points at a concept, whatever the problem's own tags: the
# candidate who fails on the border of a blur should soon meet another problem about borders.
# Only concepts that are tags in the catalog are listed; a kind with no such tag is absent.
DIAGNOSIS_CONCEPTS: Mapping[str, tuple[str, ...]] = {
    "border_only": ("borders", "padding"),
    "shifted": ("borders", "interpolation"),
    "order_differs": ("tie-breaking", "sorting"),
    "rounding": ("rounding", "quantization"),
    "uint8_wraparound": ("int8", "quantization"),
    "scaled_255": ("normalisation",),
    "xywh_xyxy": ("boxes",),
    "transposed": ("transpose", "reshape"),
}
assert set(DIAGNOSIS_CONCEPTS) <= set(CODES), "a diagnosis code that graders/ does not emit"


def is_informative(verdict: str | None) -> bool:
    return bool(verdict) and verdict not in UNINFORMATIVE_VERDICTS


def rating_for(verdict: str, earlier_failures: int) -> Rating:
    """Accepted at the first submit is easy; after one failed submit good; after more, hard.
    Anything but accepted is a lapse."""
    if verdict != Verdict.ACCEPTED:
        return Rating.Again
    if earlier_failures == 0:
        return Rating.Easy
    return Rating.Good if earlier_failures == 1 else Rating.Hard


def diagnoses_of(result: Mapping[str, Any] | None) -> list[str]:
    """The diagnosis codes of the failing cases, first seen first, each once."""
    codes: list[str] = []
    for case in (result or {}).get("cases", []):
        code = case.get("diagnosis") or ""
        if code in CODES and code not in codes and case.get("verdict") != "accepted":
            codes.append(code)
    return codes


def concept_ratings(
    *, tags: Iterable[str], verdict: str, diagnoses: Iterable[str], earlier_failures: int
) -> dict[str, tuple[Rating, str]]:
    """concept -> (rating, the diagnosis that concerns it or ""). The problem's tags take the
    submit's rating; a failure's diagnoses add their concepts as lapses."""
    rating = rating_for(verdict, earlier_failures)
    ratings: dict[str, tuple[Rating, str]] = {tag: (rating, "") for tag in tags}
    if rating != Rating.Again:
        return ratings
    for code in diagnoses:
        for concept in DIAGNOSIS_CONCEPTS.get(code, ()):
            if not ratings.get(concept, (Rating.Again, ""))[1]:
                ratings[concept] = (Rating.Again, code)
    return ratings
