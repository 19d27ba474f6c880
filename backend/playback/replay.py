"""Replay a recorded editing log and say whether it reproduces the handed-in code.

No Django here. A log is a list of events from playback-recorder.js, in the order they were
sent; every page load opens a segment that starts from the starter code (the page renders it,
then restores the saved draft by replacing the whole text). Changes are CodeMirror 6
``ChangeSet.toJSON()`` values: a number keeps that many characters, ``[n]`` deletes n, and
``[n, line, line...]`` replaces n characters with the lines joined by newlines. CodeMirror
counts UTF-16 code units, so the replay does too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# A change inserting more than this in one transaction did not come from typing (auto-indent
# and closing brackets add a few characters): it is marked as a paste whatever its label says.
BULK_INSERT_CHARS = 40
PASTE_EVENTS = ("input.paste", "input.drop")


class NotReplayable(ValueError):
    """The log does not replay; the message says where and why."""


@dataclass(frozen=True)
class Marker:
    t: int  # ms since the epoch
    kind: str  # "paste" | "away" | "restore"
    detail: str = ""


@dataclass
class Replay:
    final: str
    markers: list[Marker] = field(default_factory=list)
    changes: int = 0


def _units(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def _text(units: bytes) -> str:
    return units.decode("utf-16-le", "surrogatepass")


def apply_changes(doc: bytes, changes: Any) -> tuple[bytes, int]:
    """The document (UTF-16-LE bytes) after one serialised ChangeSet, and the characters it
    inserted (UTF-16 units). Raises NotReplayable when the change does not fit the document."""
    if not isinstance(changes, list):
        raise NotReplayable("a change is not a list")
    out: list[bytes] = []
    position = 0
    inserted = 0
    for part in changes:
        if isinstance(part, bool):
            raise NotReplayable("a change holds a boolean")
        if isinstance(part, int):
            length, lines = part, None
        elif (
            isinstance(part, list)
            and part
            and isinstance(part[0], int)
            and not isinstance(part[0], bool)
        ):
            length, lines = part[0], part[1:]
            if not all(isinstance(line, str) for line in lines):
                raise NotReplayable("an inserted line is not text")
        else:
            raise NotReplayable("a change section is neither a length nor [length, lines...]")
        if length < 0 or position + 2 * length > len(doc):
            raise NotReplayable("a change reaches past the end of the text")
        if lines is None:
            out.append(doc[position : position + 2 * length])
        else:
            insert = _units("\n".join(lines)) if lines else b""
            out.append(insert)
            inserted += len(insert) // 2
        position += 2 * length
    if position != len(doc):
        raise NotReplayable(
            f"a change covers {position // 2} characters of a {len(doc) // 2}-character text"
        )
    return b"".join(out), inserted


def replay(starter: str, events: Sequence[Any]) -> Replay:
    """Apply every change of every segment; the text at the end of the last segment is final.

    A change a script made (no user event) must replace the whole text with the previous
    segment's last text (the draft the page restored) or with the starter (Reset): anything
    else is text that did not come from this editor.
    """
    start = _units(starter)
    doc = start
    previous_end = start
    segment: str | None = None
    result = Replay(final=starter)
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            raise NotReplayable(f"event {index} is not an object")
        kind, t = event.get("k"), event.get("t")
        if not isinstance(t, int) or isinstance(t, bool):
            raise NotReplayable(f"event {index} has no time")
        if event.get("s") != segment:
            segment = event.get("s")
            previous_end, doc = doc, start
        if kind == "away":
            result.markers.append(Marker(t, "away", str(event.get("ms", ""))))
        elif kind == "ch":
            doc, inserted = apply_changes(doc, event.get("c"))
            user_event = event.get("u") or ""
            if not isinstance(user_event, str):
                raise NotReplayable(f"event {index}: the input kind is not text")
            if not user_event:
                if doc not in (previous_end, start):
                    raise NotReplayable(
                        f"event {index}: a script changed the text to something other than the"
                        " saved draft or the starter"
                    )
                result.markers.append(Marker(t, "restore"))
            elif user_event.startswith(PASTE_EVENTS) or inserted > BULK_INSERT_CHARS:
                result.markers.append(Marker(t, "paste", f"{inserted} characters"))
            result.changes += 1
        elif kind != "seg":
            raise NotReplayable(f"event {index} is of an unknown kind")
    result.final = _text(doc)
    return result


def reproduces(starter: str, events: Sequence[Any], handed_in: str) -> tuple[bool, str]:
    """(True, "") when the log replays to exactly the handed-in code, else (False, why)."""
    try:
        final = replay(starter, events).final
    except NotReplayable as error:
        return False, str(error)
    if final.encode("utf-8", "surrogatepass") != handed_in.encode("utf-8", "surrogatepass"):
        return False, "the replay does not end on the code that was handed in"
    return True, ""
