"""Pairwise similarity of code by winnowing (copydetect), with starter code left out.

No Django here: documents in, ranked pairs out. copydetect tokenises with pygments and renames
every identifier, so renamed variables still match; the starter's fingerprints are its
"boilerplate" and never count.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from copydetect import CodeFingerprint, compare_files
from markupsafe import Markup, escape

# copydetect's defaults: a match must span 25 tokens (noise threshold), and any match of 25
# tokens is found (guarantee threshold), so the winnowing window is 25 - 25 + 1.
NOISE_TOKENS = 25
WINDOW = 1
# Pairs compared in full per pair shown: the screen by shared fingerprints orders pairs much as
# the full comparison does; the margin absorbs the difference.
SCREEN_FACTOR = 4


@dataclass(frozen=True)
class Document:
    """One hand-in's code as one text (an archive's Python files joined, each under its path)."""

    key: int
    text: str


@dataclass(frozen=True)
class Match:
    """A pair and the fragments they share, as [start, end) character ranges of each text."""

    a: int
    b: int
    # Shared tokens over each side's fingerprinted tokens; the pair ranks by the larger.
    similarity_a: float
    similarity_b: float
    spans_a: tuple[tuple[int, int], ...]
    spans_b: tuple[tuple[int, int], ...]

    @property
    def similarity(self) -> float:
        return max(self.similarity_a, self.similarity_b)


@lru_cache(maxsize=1024)
def _fingerprint(text: str, boilerplate: tuple[int, ...] = ()) -> CodeFingerprint:
    # Tokenising is most of the cost, and hand-ins do not change: a reviewer's second look (or
    # the pair page after the list) reuses the fingerprints. The file name only picks the
    # lexer; fp= keeps copydetect off the disk.
    return CodeFingerprint(
        "hand-in.py", NOISE_TOKENS, WINDOW, boilerplate=list(boilerplate), fp=io.StringIO(text)
    )


def boilerplate_of(texts: Iterable[str]) -> list[int]:
    """Fingerprints of the starter code (and anything else every candidate was given)."""
    hashes: set[int] = set()
    for text in texts:
        if text.strip():
            hashes |= set(int(value) for value in _fingerprint(text).hashes)
    return sorted(hashes)


def _spans(slices: np.ndarray) -> tuple[tuple[int, int], ...]:
    if slices.size == 0:
        return ()
    return tuple((int(start), int(end)) for start, end in zip(slices[0], slices[1], strict=True))


def ranked_pairs(
    documents: Sequence[Document],
    *,
    boilerplate: Sequence[int] = (),
    skip: Iterable[tuple[int, int]] = (),
    limit: int = 20,
) -> list[Match]:
    """The ``limit`` most similar pairs, most similar first; pairs in ``skip`` (say, one
    candidate's own two hand-ins) are not compared. Pairs sharing nothing are left out.

    Every pair is screened by its shared fingerprints (a set intersection); only the most
    promising few are compared token by token, which is what copydetect spends its time on.
    """
    skipped = {frozenset(pair) for pair in skip}
    shared_bp = tuple(sorted(boilerplate))
    prints = {doc.key: _fingerprint(doc.text, shared_bp) for doc in documents}
    hashes = {key: set(fingerprint.hashes) for key, fingerprint in prints.items()}
    screened = []
    for first, second in itertools.combinations(documents, 2):
        if frozenset((first.key, second.key)) in skipped:
            continue
        a, b = hashes[first.key], hashes[second.key]
        common = len(a & b)
        if common:
            screened.append((common / max(1, min(len(a), len(b))), first.key, second.key))
    screened.sort(key=lambda row: (-row[0], row[1], row[2]))
    matches = []
    for _, a_key, b_key in screened[: limit * SCREEN_FACTOR]:
        match = compare(prints[a_key], prints[b_key], a_key, b_key)
        if match is not None:
            matches.append(match)
    matches.sort(key=lambda m: (-m.similarity, m.a, m.b))
    return matches[:limit]


def compare_texts(a: str, b: str, *, boilerplate: Sequence[int] = ()) -> Match | None:
    shared_bp = tuple(sorted(boilerplate))
    return compare(_fingerprint(a, shared_bp), _fingerprint(b, shared_bp), 0, 1)


def compare(first: CodeFingerprint, second: CodeFingerprint, a: int, b: int) -> Match | None:
    overlap, (similarity_a, similarity_b), (slices_a, slices_b) = compare_files(first, second)
    if overlap == 0:
        return None
    return Match(
        a=a,
        b=b,
        similarity_a=float(similarity_a),
        similarity_b=float(similarity_b),
        spans_a=_spans(slices_a),
        spans_b=_spans(slices_b),
    )


def highlighted(text: str, spans: Sequence[tuple[int, int]]) -> Markup:
    """The text, escaped, with each shared fragment in a <mark>."""
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(str(escape(text[position:start])))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(str(escape(text[position:])))
    return Markup("".join(pieces))
