"""Editing logs as playback-recorder.js sends them, built from plain edits."""

from __future__ import annotations

from typing import Any


def units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def insert_at(doc: str, position: int, text: str) -> list[Any]:
    """CodeMirror's ChangeSet.toJSON() for inserting ``text`` at ``position`` (UTF-16 units)."""
    before = doc.encode("utf-16-le")[: 2 * position].decode("utf-16-le")
    rest = units(doc) - position
    parts: list[Any] = [units(before)] if position else []
    parts.append([0, *text.split("\n")])
    if rest:
        parts.append(rest)
    return parts


def replace_all(doc: str, text: str) -> list[Any]:
    return [[units(doc), *text.split("\n")]]


class Typist:
    """Types text one character at a time at the end of the document, as a person would."""

    def __init__(self, starter: str, segment: str = "page-1", t: int = 1_000) -> None:
        self.doc = starter
        self.segment = segment
        self.t = t
        self.events: list[dict[str, Any]] = [{"k": "seg", "t": t, "s": segment}]

    def _event(self, **fields: Any) -> None:
        self.t += 150
        self.events.append({"t": self.t, "s": self.segment, **fields})

    def type(self, text: str) -> Typist:
        for character in text:
            changes = insert_at(self.doc, units(self.doc), character)
            self.doc += character
            self._event(k="ch", c=changes, u="input.type")
        return self

    def paste(self, text: str) -> Typist:
        self._event(k="ch", c=insert_at(self.doc, units(self.doc), text), u="input.paste")
        self.doc += text
        return self

    def away(self, ms: int) -> Typist:
        self._event(k="away", ms=ms)
        return self

    def reload(self, segment: str, starter: str) -> Typist:
        """A page load: the editor opens on the starter, then the draft is restored."""
        draft = self.doc
        self.segment = segment
        self.events.append({"k": "seg", "t": self.t, "s": segment})
        self._event(k="ch", c=replace_all(starter, draft), u="")
        return self
