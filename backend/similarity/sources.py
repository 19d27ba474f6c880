"""The code each kind of hand-in brings to a comparison, read from the models."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from backend.catalog.models import Problem
from backend.grading import sessions
from backend.similarity.winnowing import Document
from backend.submissions.models import Submission
from backend.takehomes.models import Assignment, HandIn, TakeHome
from backend.takehomes.services import HandInRejected, check_code_zip
from graders.takehome import UploadError, read_text_file

# Bounds on one comparison: pairs grow with the square of the entries.
MAX_ENTRIES = 120
MAX_ARCHIVE_TEXT = 512 * 1024


@dataclass(frozen=True)
class Entry:
    """One side of a pair: a hand-in or an interview's last submit, and its owner."""

    key: int
    candidate_id: int
    label: str
    document: Document
    url: str
    predictions_digest: str = ""


def archive_text(hand_in: HandIn) -> str:
    """The archive's Python (files and notebook code cells) as one text, each file headed by its
    path, in path order. Other files are not code this detector tokenises."""
    data = bytes(hand_in.code_zip)
    try:
        names = sorted(getattr(entry, "name", str(entry)) for entry in check_code_zip(data))
    except HandInRejected:
        return ""
    parts: list[str] = []
    size = 0
    for name in names:
        if not name.endswith((".py", ".ipynb")):
            continue
        try:
            text = read_text_file(data, name)
        except UploadError:
            continue
        if name.endswith(".ipynb"):
            text = _notebook_code(text)
        part = f"# ---- {name} ----\n{text}\n"
        size += len(part)
        if size > MAX_ARCHIVE_TEXT:
            break
        parts.append(part)
    return "".join(parts)


def _notebook_code(text: str) -> str:
    try:
        cells = json.loads(text).get("cells", [])
    except (ValueError, AttributeError):
        return ""
    code = []
    for cell in cells if isinstance(cells, list) else []:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            code.append("".join(source) if isinstance(source, list) else str(source))
    return "\n\n".join(code)


def latest_hand_ins(assignments: QuerySet[Assignment]) -> list[HandIn]:
    """The hand-in that counts (the latest) of each assignment, newest assignments first."""
    latest: list[HandIn] = []
    for assignment in assignments.order_by("-created_at")[:MAX_ENTRIES]:
        hand_in = assignment.hand_ins.order_by("-created_at", "-id").first()
        if hand_in is not None:
            latest.append(hand_in)
    return latest


def takehome_entries(takehome: TakeHome, assignments: QuerySet[Assignment]) -> list[Entry]:
    from django.urls import reverse

    entries = []
    for hand_in in latest_hand_ins(assignments.filter(takehome=takehome)):
        assignment = hand_in.assignment
        entries.append(
            Entry(
                key=hand_in.id,
                candidate_id=assignment.candidate_id,
                label=f"{assignment.candidate.username} (assignment #{assignment.pk})",
                document=Document(key=hand_in.id, text=archive_text(hand_in)),
                url=reverse("hand-in-detail", args=[assignment.pk, hand_in.pk]),
                predictions_digest=hashlib.sha256(bytes(hand_in.predictions)).hexdigest(),
            )
        )
    return entries


def interview_entries(problem: Problem, viewer: Any) -> list[Entry]:
    """The last submit of ``problem`` in each finished interview the viewer may review (staff:
    every one; others: those whose shared report they opened)."""
    from django.urls import reverse

    # Which interviews have ended is the interviews app's rule, asked through its policy.
    submits = Submission.objects.filter(sessions.policy().ended_q()).filter(
        problem=problem, mode=Submission.Mode.SUBMIT
    )
    if not viewer.is_staff:
        submits = submits.filter(interview__reviewers=viewer)
    submits = submits.select_related("owner", "interview").order_by(
        "interview_id", "-created_at", "-id"
    )
    last: dict[int | None, Any] = {}
    for submission in submits:
        last.setdefault(submission.interview_id, submission)
    chosen = sorted(last.values(), key=lambda s: s.created_at, reverse=True)[:MAX_ENTRIES]
    return [
        Entry(
            key=submission.id,
            candidate_id=submission.owner_id,
            label=f"{submission.owner.username} (interview #{submission.interview_id})",
            document=Document(key=submission.id, text=submission.code),
            url=reverse("interview-shared", args=[submission.interview.share_token]),
        )
        for submission in chosen
    ]
