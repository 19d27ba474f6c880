"""Pairs of entries ranked by similarity, for a reviewer. It informs; it never rejects."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from backend.similarity import winnowing
from backend.similarity.sources import Entry

# A fragment found in more hand-ins than this (and in more than half of them) is taken as
# something everyone was given or everyone writes, as MOSS's -m does, not as copying.
COMMON_FLOOR = 10


@dataclass(frozen=True)
class Pair:
    first: Entry
    second: Entry
    similarity: float  # 0..1, the larger of the two sides' shares
    similarity_first: float
    similarity_second: float
    identical_predictions: bool
    match: winnowing.Match | None


@dataclass(frozen=True)
class PairView:
    pair: Pair
    first_html: Markup
    second_html: Markup


def common_fingerprints(entries: Sequence[Entry]) -> list[int]:
    counts: Counter[int] = Counter()
    for entry in entries:
        counts.update(set(winnowing.boilerplate_of([entry.document.text])))
    bar = max(COMMON_FLOOR, len(entries) // 2)
    return sorted(value for value, count in counts.items() if count > bar)


def boilerplate(entries: Sequence[Entry], starters: Sequence[str]) -> list[int]:
    return sorted(set(winnowing.boilerplate_of(starters)) | set(common_fingerprints(entries)))


def _skipped(entries: Sequence[Entry]) -> list[tuple[int, int]]:
    """One candidate's own entries are never a pair (two attempts at the same work)."""
    return [
        (a.key, b.key)
        for a, b in itertools.combinations(entries, 2)
        if a.candidate_id == b.candidate_id
    ]


def ranked(entries: Sequence[Entry], starters: Sequence[str], limit: int = 25) -> list[Pair]:
    """The most similar pairs first; any pair whose predictions files are identical is listed
    too, whatever its code."""
    by_key = {entry.key: entry for entry in entries}
    matches = winnowing.ranked_pairs(
        [entry.document for entry in entries if entry.document.text.strip()],
        boilerplate=boilerplate(entries, starters),
        skip=_skipped(entries),
        limit=limit,
    )
    pairs = {frozenset((m.a, m.b)): _pair(by_key[m.a], by_key[m.b], m) for m in matches}
    skipped = {frozenset(pair) for pair in _skipped(entries)}
    for a, b in itertools.combinations(entries, 2):
        key = frozenset((a.key, b.key))
        if key in pairs or key in skipped or not _same_predictions(a, b):
            continue
        pairs[key] = _pair(a, b, None)
    # An identical predictions file weighs as much as identical code.
    return sorted(
        pairs.values(),
        key=lambda p: (
            -max(p.similarity, 1.0 if p.identical_predictions else 0.0),
            -p.similarity,
            p.first.key,
            p.second.key,
        ),
    )


def _same_predictions(a: Entry, b: Entry) -> bool:
    return bool(a.predictions_digest) and a.predictions_digest == b.predictions_digest


def _pair(a: Entry, b: Entry, match: winnowing.Match | None) -> Pair:
    return Pair(
        first=a,
        second=b,
        similarity=match.similarity if match else 0.0,
        similarity_first=match.similarity_a if match else 0.0,
        similarity_second=match.similarity_b if match else 0.0,
        identical_predictions=_same_predictions(a, b),
        match=match,
    )


def one_pair(
    entries: Sequence[Entry], starters: Sequence[str], first_key: int, second_key: int
) -> PairView | None:
    """Two entries side by side with their shared fragments marked (the boilerplate of the
    whole set is left out, as in the ranking)."""
    by_key = {entry.key: entry for entry in entries}
    first, second = by_key.get(first_key), by_key.get(second_key)
    if first is None or second is None or first.key == second.key:
        return None
    match = winnowing.compare_texts(
        first.document.text, second.document.text, boilerplate=boilerplate(entries, starters)
    )
    pair = _pair(first, second, match)
    spans_first = match.spans_a if match else ()
    spans_second = match.spans_b if match else ()
    return PairView(
        pair=pair,
        first_html=winnowing.highlighted(first.document.text, spans_first),
        second_html=winnowing.highlighted(second.document.text, spans_second),
    )
