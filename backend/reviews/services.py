"""Writes and reads of review comments and rubric scores, for any registered target.

``add_comment(target=hand_in, author=user, body="Why?", file_path="train.py", line=12)``
anchors a comment to a line; ``resolve(comment=..., user=..., resolved=False)`` reopens one;
``comments_for(target)`` lists every comment, oldest first. Who may do what is decided by the
policy the target's app registered in backend.reviews.permissions.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from backend.lib.errors import ApplicationError, Forbidden
from backend.lib.markdown import render_markdown
from backend.reviews import permissions
from backend.reviews.models import Comment, RubricScore, Thread

MAX_BODY_CHARS = 20_000


class ReviewError(ApplicationError):
    """The comment or score cannot be accepted; the message says why (an HTTP 400 at the
    comment's body)."""

    def __init__(self, message: str, *, field: str | None = "body") -> None:
        super().__init__(message, field=field)


class ReviewForbidden(Forbidden):
    """The user may not write this (an HTTP 403)."""


def _target_filter(target: Any) -> dict[str, Any]:
    return {
        "content_type": ContentType.objects.get_for_model(target),
        "object_id": target.pk,
    }


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ReviewError("a comment needs some text")
    if len(body) > MAX_BODY_CHARS:
        raise ReviewError(f"a comment is at most {MAX_BODY_CHARS} characters")
    if "\x00" in body:
        raise ReviewError("a comment must not contain null characters")
    return body


@transaction.atomic
def add_comment(
    *,
    target: Any,
    author: Any,
    body: str,
    file_path: str | None = None,
    line: int | None = None,
    parent: Comment | None = None,
) -> Comment:
    """A new comment at an anchor of ``target`` (a reply joins its parent's thread)."""
    if not permissions.can_comment(author, target):
        raise ReviewForbidden("you may not comment here")
    body = _clean_body(body)
    if parent is not None:
        if (
            parent.thread.content_type_id != ContentType.objects.get_for_model(target).id
            or parent.thread.object_id != target.pk
        ):
            raise ReviewError("the comment replied to belongs to something else")
        thread = parent.thread
    else:
        if line is not None and not file_path:
            raise ReviewError("a line needs a file")
        if line is not None and line < 1:
            raise ReviewError("lines are numbered from 1")
        thread = Thread.objects.filter(
            **_target_filter(target), file_path=file_path or "", line=line
        ).first() or Thread.objects.create(
            **_target_filter(target), file_path=file_path or "", line=line
        )
    return Comment.objects.create(
        thread=thread, parent=parent, author=author, body=body, body_html=render_markdown(body)
    )


def edit_comment(*, comment: Comment, user: Any, body: str) -> Comment:
    if comment.author_id != user.pk:
        raise ReviewForbidden("only the author edits a comment")
    comment.body = _clean_body(body)
    comment.body_html = render_markdown(comment.body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    return comment


def delete_comment(*, comment: Comment, user: Any) -> None:
    if comment.author_id != user.pk:
        raise ReviewForbidden("only the author deletes a comment")
    comment.delete()


def resolve(*, comment: Comment, user: Any, resolved: bool = True) -> Comment:
    """Mark a comment resolved (or open it again); anyone who may comment on the target may."""
    if not permissions.can_comment(user, comment.thread.target):
        raise ReviewForbidden("you may not resolve comments here")
    comment.resolved = resolved
    comment.resolved_by = user if resolved else None
    comment.resolved_at = timezone.now() if resolved else None
    comment.save(update_fields=["resolved", "resolved_by", "resolved_at"])
    return comment


def comments_for(target: Any) -> QuerySet[Comment]:
    """Every comment on ``target``, oldest first (no permission check: callers decide)."""
    return (
        Comment.objects.filter(
            thread__content_type=ContentType.objects.get_for_model(target),
            thread__object_id=target.pk,
        )
        .select_related("thread", "author", "resolved_by")
        .order_by("created_at", "id")
    )


def set_score(*, target: Any, author: Any, item_id: str, points: float, max_points: float) -> None:
    if not permissions.can_comment(author, target):
        raise ReviewForbidden("you may not score this")
    if not 0 <= points <= max_points:
        raise ReviewError(
            f"{item_id}: points must be between 0 and {max_points:g}", field=None
        )
    RubricScore.objects.update_or_create(
        **_target_filter(target), item_id=item_id, defaults={"points": points, "author": author}
    )


def scores_for(target: Any) -> dict[str, float]:
    return {
        score.item_id: score.points
        for score in RubricScore.objects.filter(**_target_filter(target))
    }
