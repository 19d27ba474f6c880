"""Writes to recordings: chunks appended while an interview runs, one verification after."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backend.catalog.models import Problem
from backend.interviews.models import Interview, InterviewProblem
from backend.playback import replay
from backend.playback.models import Recording
from backend.submissions.models import Submission

# Chunks still accepted this long after the deadline: the page's last flush is on its way while
# the clock hands the draft in.
GRACE = timedelta(seconds=30)
EVENT_KINDS = {"seg", "ch", "away"}


class RecordingRejected(ValueError):
    """A chunk that cannot be taken; the message says why (an HTTP 400, or 409 when late)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _normalise(starter: str) -> str:
    # The page's textarea hands the editor its text with newlines normalised.
    return starter.replace("\r\n", "\n").replace("\r", "\n")


def append_chunk(
    *, interview: Interview, problem: Problem, segment: str, sent: int, events: list[Any]
) -> Recording:
    """Append one chunk of events. Times move onto the server's clock by the difference between
    its clock and the page's at sending, so a wrong clock on the candidate's machine is harmless."""
    now = timezone.now()
    if interview.status != Interview.Status.ACTIVE or now > interview.deadline + GRACE:
        raise RecordingRejected("the interview is over; the recording is closed", status=409)
    if not InterviewProblem.objects.filter(interview=interview, problem=problem).exists():
        raise RecordingRejected("this problem is not part of the interview")
    if not isinstance(segment, str) or not 1 <= len(segment) <= 64:
        raise RecordingRejected("segment must be a short string")
    if not isinstance(sent, int) or isinstance(sent, bool):
        raise RecordingRejected("sent must be the page's clock in milliseconds")
    if not isinstance(events, list) or not events:
        raise RecordingRejected("events must be a non-empty list")
    size = len(json.dumps(events, separators=(",", ":")))
    if size > settings.CVPREP_RECORDING_MAX_CHUNK_BYTES:
        raise RecordingRejected(
            f"a chunk is {size} bytes; the limit is {settings.CVPREP_RECORDING_MAX_CHUNK_BYTES}"
        )
    offset = int(now.timestamp() * 1000) - sent
    shifted = []
    for index, event in enumerate(events):
        if not isinstance(event, dict) or event.get("k") not in EVENT_KINDS:
            raise RecordingRejected(f"events[{index}] is not a recorder event")
        t = event.get("t")
        if not isinstance(t, int) or isinstance(t, bool) or t > sent:
            raise RecordingRejected(f"events[{index}] has no time before the chunk was sent")
        shifted.append({**event, "t": t + offset, "s": segment})
    with transaction.atomic():
        recording, _ = Recording.objects.select_for_update().get_or_create(
            interview=interview, problem=problem
        )
        if recording.status != Recording.Status.RECORDING:
            return recording  # past its bound already: nothing more is kept
        if recording.size + size > settings.CVPREP_RECORDING_MAX_BYTES:
            recording.status = Recording.Status.OVERFLOW
            recording.events = []
            recording.reason = (
                f"the recording went past its bound of {settings.CVPREP_RECORDING_MAX_BYTES}"
                " bytes and was not kept"
            )
        else:
            recording.events = [*recording.events, *shifted]
            recording.size += size
        recording.save()
    return recording


def handed_in_code(interview: Interview, problem: Problem) -> str | None:
    """The code the interview counted for this problem: its last submit (the clock's own
    hand-in at the end, when there was one)."""
    last = (
        Submission.objects.filter(interview=interview, problem=problem, mode=Submission.Mode.SUBMIT)
        .order_by("-created_at", "-id")
        .values_list("code", flat=True)
        .first()
    )
    return last


def verify(recording: Recording) -> Recording:
    """Once the interview is over (and its grace has passed): keep the log only if it replays
    to the handed-in code byte for byte. Safe to run twice."""
    interview = recording.interview
    if recording.status != Recording.Status.RECORDING:
        return recording
    if interview.status != Interview.Status.FINISHED or timezone.now() < interview.deadline + GRACE:
        return recording
    code = handed_in_code(interview, recording.problem)
    if code is None:
        ok, why = False, "nothing was handed in for this problem"
    else:
        ok, why = replay.reproduces(_normalise(recording.problem.starter), recording.events, code)
    updated = Recording.objects.filter(id=recording.id, status=Recording.Status.RECORDING)
    if ok:
        updated.update(status=Recording.Status.REPLAYS, reason="")
    else:
        updated.update(status=Recording.Status.DOES_NOT_REPLAY, events=[], reason=why)
    recording.refresh_from_db()
    return recording
