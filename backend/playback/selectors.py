"""What the report's player needs for each coding problem of a finished interview."""

from __future__ import annotations

from typing import Any

from backend.interviews.models import Interview
from backend.playback import replay, services
from backend.playback.models import Recording
from backend.submissions.models import Submission


def _ms(moment: Any) -> int:
    return int(moment.timestamp() * 1000)


def for_report(interview: Interview) -> dict[str, dict[str, Any]]:
    """problem slug -> {"status", "reason", "data"}; ``data`` (the player's JSON) only for a
    log that replays. Pending recordings are verified first (once; see services.verify)."""
    players: dict[str, dict[str, Any]] = {}
    recordings = Recording.objects.filter(interview=interview).select_related(
        "problem", "interview"
    )
    for recording in recordings:
        recording = services.verify(recording)
        entry: dict[str, Any] = {"status": recording.status, "reason": recording.reason}
        if recording.status == Recording.Status.REPLAYS:
            entry["data"] = _player_data(interview, recording)
        players[recording.problem.slug] = entry
    return players


def _player_data(interview: Interview, recording: Recording) -> dict[str, Any]:
    starter = services._normalise(recording.problem.starter)
    replayed = replay.replay(starter, recording.events)
    markers = [
        {"t": marker.t, "kind": marker.kind, "label": _label(marker)} for marker in replayed.markers
    ]
    submissions = Submission.objects.filter(interview=interview, problem=recording.problem)
    for submission in submissions.order_by("created_at"):
        verdict = (submission.verdict or submission.status).replace("_", " ")
        markers.append(
            {
                "t": _ms(submission.created_at),
                "kind": submission.mode,
                "label": f"{submission.mode}: {verdict}"
                + (" (handed in by the clock)" if submission.automatic else ""),
            }
        )
    events = [
        [event["t"], event["s"], event["c"]] for event in recording.events if event["k"] == "ch"
    ]
    return {
        "starter": starter,
        "start": _ms(interview.started_at),
        "end": _ms(interview.finished_at or interview.deadline),
        "events": events,
        "markers": sorted(markers, key=lambda marker: marker["t"]),
    }


def _label(marker: replay.Marker) -> str:
    if marker.kind == "away":
        seconds = int(marker.detail or 0) // 1000
        return f"away from the tab for {seconds} s"
    if marker.kind == "paste":
        return f"pasted {marker.detail}"
    return "draft restored (page loaded)"
