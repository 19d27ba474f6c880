"""Comments on a hand-in of either kind (predictions or a model): where in the code archive
they may sit, then backend.reviews stores them. The page and the API both call ``comment_on``."""

from __future__ import annotations

from typing import Any

from backend.lib.errors import ApplicationError
from backend.reviews import services as reviews
from backend.reviews.models import Comment
from backend.takehomes import selectors
from backend.takehomes.hand_in_kinds import AnyHandIn


def comment_on(
    *,
    hand_in: AnyHandIn,
    author: Any,
    body: str,
    file_path: str | None = None,
    line: int | None = None,
    parent_id: int | None = None,
) -> Comment:
    """A comment on the hand-in, on a file of its code archive or a line of one, or a reply
    (which joins its parent's thread)."""
    parent = None
    if parent_id:
        parent = reviews.comments_for(hand_in).filter(pk=parent_id).first()
        if parent is None:
            raise ApplicationError("no such comment on this hand-in", field="parent")
    file_path = file_path or None
    if file_path:
        view = selectors.code_view(hand_in, file_path)
        if view is None:
            raise ApplicationError("no such file in the code archive", field="file_path")
        if line is not None and view.shown and line > len(view.lines):
            raise ApplicationError(f"{file_path} has {len(view.lines)} lines", field="line")
    return reviews.add_comment(
        target=hand_in,
        author=author,
        body=body,
        file_path=file_path,
        line=line,
        parent=parent,
    )
