"""Reads of the learning schedule: what to review today, and how strong each concept is."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone
from fsrs import Rating

from backend.catalog.models import Problem
from backend.catalog.selectors import active_problems
from backend.learning import scheduling
from backend.learning.models import ConceptCard
from backend.submissions.models import Submission
from backend.submissions.selectors import solved_problem_ids
from graders.coding.diagnosis import SENTENCES


@dataclass(frozen=True)
class DueReview:
    """One problem to practise today and the due concepts it exercises (the first one led to
    it: its card's last outcome is the reason shown)."""

    concepts: tuple[str, ...]
    due: datetime
    recall: float
    last_problem: Problem | None
    diagnosis_text: str
    suggestion: Problem
    # "failed" (a lapse, so a related problem), "keep" (keep it fresh)
    reason: str


@dataclass(frozen=True)
class ConceptStrength:
    concept: str
    stability_days: float
    recall: float
    due: datetime
    due_now: bool
    review_count: int
    # 0..1 for the bar: log-scaled stability, a year full
    bar: float
    label: str


def end_of_today(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))


def _problems_by_concept() -> dict[str, list[Problem]]:
    by_concept: dict[str, list[Problem]] = {}
    for problem in active_problems():
        for tag in problem.tags:
            by_concept.setdefault(tag, []).append(problem)
    return by_concept


def due_cards(user: Any, now: datetime) -> list[ConceptCard]:
    """Cards due before the day ends whose concept still has a problem to practise on."""
    if not user.is_authenticated:
        return []
    practicable = _problems_by_concept()
    cards = ConceptCard.objects.filter(owner=user, due__lt=end_of_today(now)).order_by(
        "due", "concept"
    )
    return [card for card in cards.select_related("last_problem") if card.concept in practicable]


def due_count(user: Any, now: datetime) -> int:
    return len(due_cards(user, now))


def review_today(user: Any, now: datetime) -> list[DueReview]:
    """Each due concept with a problem to practise it on: another problem of the concept than
    the one last tried (after a failure, a related problem), unsolved ones first, then the one
    tried longest ago. A concept that another problem already suggested covers joins that item
    rather than bring back the problem just failed."""
    by_concept = _problems_by_concept()
    solved = solved_problem_ids(user)
    last_tried = dict(
        Submission.objects.filter(owner=user)
        .values("problem_id")
        .annotate(last=Max("created_at"))
        .values_list("problem_id", "last")
    )
    epoch = datetime.min.replace(tzinfo=now.tzinfo)
    items: dict[int, DueReview] = {}
    for card in due_cards(user, now):
        candidates = by_concept[card.concept]
        suggestion = min(
            candidates,
            key=lambda p: (
                p.id == card.last_problem_id and len(candidates) > 1,
                p.id in items,
                p.id in solved,
                last_tried.get(p.id, epoch),
                p.slug,
            ),
        )
        if suggestion.id in items:
            item = items[suggestion.id]
            items[suggestion.id] = replace(item, concepts=(*item.concepts, card.concept))
            continue
        items[suggestion.id] = DueReview(
            concepts=(card.concept,),
            due=card.due,
            recall=scheduling.recall(card.card, now),
            last_problem=card.last_problem,
            diagnosis_text=SENTENCES.get(card.last_diagnosis, ""),
            suggestion=suggestion,
            reason="failed" if card.last_rating == Rating.Again else "keep",
        )
    return list(items.values())


def strengths(user: Any, now: datetime) -> list[ConceptStrength]:
    """Every concept the user has been graded on, weakest first."""
    rows = []
    for card in ConceptCard.objects.filter(owner=user):
        stability = scheduling.stability_days(card.card)
        rows.append(
            ConceptStrength(
                concept=card.concept,
                stability_days=stability,
                recall=scheduling.recall(card.card, now),
                due=card.due,
                due_now=card.due <= now,
                review_count=card.review_count,
                bar=min(1.0, math.log1p(stability) / math.log1p(365)),
                label=_strength_label(stability, card.last_rating),
            )
        )
    return sorted(rows, key=lambda row: (row.stability_days, row.concept))


def _strength_label(stability: float, last_rating: int | None) -> str:
    if last_rating == Rating.Again or stability < 1:
        return "weak"
    if stability < 7:
        return "fragile"
    return "steady" if stability < 30 else "strong"
