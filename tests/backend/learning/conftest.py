from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backend.catalog.models import Problem
from backend.submissions.models import Submission
from tests.backend.factories import ProblemFactory, SubmissionFactory

# Mid-morning, so "today" has room both sides in UTC.
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """The learning pages' clock, moved by hand: no test sleeps."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock(START)
    monkeypatch.setattr("backend.learning.clock.now", fake)
    return fake


@pytest.fixture
def catalog() -> dict[str, Problem]:
    """Three problems about borders (two filters and a convolution) and one about boxes."""
    return {
        "blur": ProblemFactory(slug="blur", title="Gaussian blur", tags=["borders", "filtering"]),
        "median": ProblemFactory(
            slug="median", title="Median filter", tags=["borders", "filtering"]
        ),
        "sobel": ProblemFactory(slug="sobel", title="Sobel", tags=["borders", "edges"]),
        "nms": ProblemFactory(
            slug="nms", title="NMS", tags=["boxes", "greedy"], difficulty="medium"
        ),
    }


def graded(
    *, owner: Any, problem: Problem, verdict: str, at: datetime, diagnosis: str = "", **extra: Any
) -> Submission:
    """A submit graded at ``at``: accepted, or failing one hidden case (with its diagnosis)."""
    failing = {
        "name": "hidden_3",
        "sample": False,
        "verdict": verdict,
        "diagnosis": diagnosis,
    }
    cases = [{"name": "example", "sample": True, "verdict": "accepted", "diagnosis": ""}]
    if verdict != "accepted":
        cases.append(failing)
    return SubmissionFactory(
        owner=owner,
        problem=problem,
        mode=extra.pop("mode", "submit"),
        status="done",
        verdict=verdict,
        score=1.0 if verdict == "accepted" else 0.5,
        result={"verdict": verdict, "cases": cases},
        finished_at=at,
        **extra,
    )
