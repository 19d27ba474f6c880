"""The one FSRS scheduler of the site and the conversions around it (fsrs wants UTC)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler

# A problem is not a flash card: a failure comes back after an hour (a related problem, the
# same day), not after a minute; a first success graduates at once. No fuzz, so a schedule can
# be explained and tested.
SCHEDULER = Scheduler(
    learning_steps=(timedelta(hours=1),),
    relearning_steps=(timedelta(hours=1),),
    maximum_interval=365,
    enable_fuzzing=False,
)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def new_card(now: datetime) -> dict[str, Any]:
    return dict(Card(card_id=0, due=utc(now)).to_dict())


def review(card: dict[str, Any], rating: Rating, at: datetime) -> dict[str, Any]:
    """The card after one review at ``at`` (never before its last review)."""
    current = Card.from_dict(card)  # type: ignore[arg-type]
    moment = utc(at)
    if current.last_review is not None and moment < current.last_review:
        moment = current.last_review
    reviewed, _log = SCHEDULER.review_card(current, rating, review_datetime=moment)
    return dict(reviewed.to_dict())


def due_of(card: dict[str, Any]) -> datetime:
    return Card.from_dict(card).due  # type: ignore[arg-type]


def recall(card: dict[str, Any], now: datetime) -> float:
    """FSRS's probability of recall now, 0..1 (whole days elapsed, as the library counts)."""
    return float(SCHEDULER.get_card_retrievability(Card.from_dict(card), utc(now)))  # type: ignore[arg-type]


def stability_days(card: dict[str, Any]) -> float:
    """Days until recall falls to 90 %: FSRS's stability."""
    return float(card.get("stability") or 0.0)
